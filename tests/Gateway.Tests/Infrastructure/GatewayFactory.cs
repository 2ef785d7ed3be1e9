using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Grains.Interfaces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// The gateway in its embedded mode, in process: real grains on a co-hosted silo (free port), a temporary
/// SQLite file, a random signing key. One per test collection; every test makes its own users.
/// </summary>
public class GatewayFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string Issuer = "test-issuer";
    public const string Audience = "test-audience";
    public const string Password = "Corr3ct-Horse-Battery";

    /// <summary>The admin every test gateway creates at start-up from Messaging:Bootstrap (password <see cref="Password"/>).</summary>
    public const string BootstrapAdminUsername = "boot-admin";

    public GatewayFactory()
        : this(Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48)))
    {
    }

    /// <summary>
    /// A gateway signing with <paramref name="signingKey"/> (an HS256 secret, for data whose tokens were issued with it,
    /// or a subclass's key material), whose tokens the tests sign with <paramref name="credentials"/> (by default HS256 with that secret).
    /// </summary>
    protected GatewayFactory(string signingKey, SigningCredentials? credentials = null)
    {
        SigningKey = signingKey;
        DataDirectory = Path.Combine(Path.GetTempPath(), $"gateway-tests-{Guid.NewGuid():N}");
        Tokens = credentials is null ? new TestTokens(SigningKey, Issuer, Audience) : new TestTokens(credentials, Issuer, Audience);
    }

    public string SigningKey { get; }

    public string DataDirectory { get; }

    public TestTokens Tokens { get; }

    /// <summary>Settings on top of appsettings.json; subclasses add theirs.</summary>
    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Jwt:SigningKey"] = SigningKey,
        ["Jwt:Issuer"] = Issuer,
        ["Jwt:Audience"] = Audience,
        ["Messaging:DataDirectory"] = DataDirectory,
        ["Silo:Port"] = "0",
        ["Accounts:AdminUsernames:0"] = "root-admin",
        ["Messaging:Bootstrap:AdminUsername"] = BootstrapAdminUsername,
        ["Messaging:Bootstrap:AdminPassword"] = Password,
        ["Admin:AccessCacheDuration"] = "00:00:01",
        ["EventStreams:KeepAliveInterval"] = "00:00:01",
        ["Events:RetainedEvents"] = "5",
        ["Events:RetentionPeriod"] = "00:00:00",

        // Every test request comes from one unknown address, and a collection registers many users.
        ["RateLimiting:RegistrationsPerAddress:PermitLimit"] = "1000000",
    };

    protected virtual string EnvironmentName => "Testing";

    /// <summary>A client whose requests carry a valid access token of <paramref name="user"/>, signed with the gateway's key.</summary>
    public HttpClient CreateClient(TestUser user)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Access(user));
        return client;
    }

    /// <summary>Registers a fresh user with a unique name.</summary>
    public async Task<TestUser> RegisterAsync(string prefix = "user")
    {
        var username = $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(prefix.Length + 13, 40)];
        var email = $"{username}@example.com";
        using var client = CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new { username, email, password = Password });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<UserView>();
        return new TestUser(body!.UserId, username, email, Password, body.Role == UserRole.Admin ? "admin" : "user");
    }

    /// <summary>The bootstrap admin, logged in with its configured password.</summary>
    public async Task<TestUser> BootstrapAdminAsync()
    {
        using var client = CreateClient();
        using var login = await client.PostAsJsonAsync("/api/token/", new { username = BootstrapAdminUsername, password = Password });
        login.EnsureSuccessStatusCode();
        var access = (await login.Content.ReadFromJsonAsync<Dictionary<string, string>>())!["access"];
        using var me = new HttpRequestMessage(HttpMethod.Get, "/api/users/me/");
        me.Headers.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await client.SendAsync(me);
        var body = (await response.Content.ReadFromJsonAsync<UserView>())!;
        return new TestUser(body.UserId, body.Username, body.Email!, Password, body.Role == UserRole.Admin ? "admin" : "user");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Directory.Exists(DataDirectory))
        {
            Directory.Delete(DataDirectory, recursive: true);
        }

        GC.SuppressFinalize(this);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(EnvironmentName);
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        // Password hashing at production cost would make every registration and login take a large share of a second.
        builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000));
    }
}
