using System.Net.Http.Json;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Grains;
using Grains.Interfaces;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

namespace Gateway.Tests.Api;

/// <summary>
/// A password hash made with weaker parameters than the gateway's hasher now uses is replaced at the next
/// successful login, while the password is at hand. Two gateways, one after the other, over one data directory.
/// </summary>
public class PasswordRehashTests
{
    private const int Before = 1_000;
    private const int After = 2_000;

    [Fact]
    public async Task ALoginRehashesAPasswordHashedWithFewerIterations()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"gateway-rehash-{Guid.NewGuid():N}");
        var signingKey = SigningKeys.Generate("HS256");
        try
        {
            TestUser alice;
            string original;
            await using (var weaker = new HasherFactory(dataDirectory, signingKey, Before))
            {
                alice = await weaker.RegisterAsync("alice");
                original = await StoredHashAsync(weaker, alice.Id);
            }

            Assert.Equal(PasswordVerificationResult.Success, Verify(Before, original, alice.Password));
            Assert.Equal(PasswordVerificationResult.SuccessRehashNeeded, Verify(After, original, alice.Password));

            await using var stronger = new HasherFactory(dataDirectory, signingKey, After);
            using var client = stronger.CreateClient();
            await ApiAssert.UnauthorizedAsync(await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = "not the password" }));
            Assert.Equal(original, await StoredHashAsync(stronger, alice.Id));

            await ApiAssert.OkAsync<TokenPair>(await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = alice.Password }));
            var rehashed = await StoredHashAsync(stronger, alice.Id);
            Assert.NotEqual(original, rehashed);
            Assert.Equal(PasswordVerificationResult.Success, Verify(After, rehashed, alice.Password));

            await ApiAssert.OkAsync<TokenPair>(await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = alice.Password }));
            Assert.Equal(rehashed, await StoredHashAsync(stronger, alice.Id));
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }

    /// <summary>What ASP.NET Core Identity's hasher with <paramref name="iterations"/> makes of a stored hash.</summary>
    private static PasswordVerificationResult Verify(int iterations, string hash, string password) =>
        new PasswordHasher<UserState>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }))
            .VerifyHashedPassword(new UserState(), hash, password);

    /// <summary>The user's password hash as stored now, read through the co-hosted silo's grain storage.</summary>
    private static async Task<string> StoredHashAsync(GatewayFactory factory, Guid userId)
    {
        var storage = factory.Services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var grain = factory.Services.GetRequiredService<IGrainFactory>().GetGrain<IUserGrain>(userId);
        var state = new GrainState<UserState>();
        await storage.ReadStateAsync("user", grain.GetGrainId(), state);
        return state.State?.PasswordHash ?? throw new InvalidOperationException("The user has no stored state.");
    }

    /// <summary>A gateway over <paramref name="dataDirectory"/> whose password hasher runs <paramref name="iterations"/> iterations.</summary>
    private sealed class HasherFactory(string dataDirectory, string signingKey, int iterations) : GatewayFactory(signingKey)
    {
        protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
        {
            ["Messaging:DataDirectory"] = dataDirectory,
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.Configure<PasswordHasherOptions>(options => options.IterationCount = iterations));
        }
    }
}
