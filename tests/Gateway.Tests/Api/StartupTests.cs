using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Gateway.Tests.Api;

/// <summary>How the gateway starts: its signing key, and readiness. Each test runs its own gateway.</summary>
public class StartupTests
{
    [Fact]
    public async Task OutsideDevelopmentTheGatewayRefusesToStartWithoutAKey()
    {
        await using var factory = new KeylessFactory(Environments.Production);
        var error = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Jwt:SigningKey", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopmentAKeyIsGeneratedOnceAndTokensSurviveARestart()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"gateway-dev-{Guid.NewGuid():N}");
        try
        {
            string access;
            await using (var first = new KeylessFactory(Environments.Development, dataDirectory))
            {
                var user = await first.RegisterAsync("dev");
                using var client = first.CreateClient();
                var pair = await ApiAssert.OkAsync<TokenPair>(
                    await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password }));
                access = pair.Access;
            }

            var keyFile = Path.Combine(dataDirectory, "jwt-hs256.key");
            Assert.True(File.Exists(keyFile));
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
            }

            await using var second = new KeylessFactory(Environments.Development, dataDirectory);
            using var again = second.CreateClient();
            again.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/api/users/me/")).StatusCode);
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    [Fact]
    public async Task ReadinessFailsOnceTheSiloHasStopped()
    {
        await using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        using (var before = await client.GetAsync("/health/ready"))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        await factory.Services.GetRequiredService<Orleans.Runtime.Silo>().StopAsync(CancellationToken.None);

        using var ready = await client.GetAsync("/health/ready/");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        using var live = await client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    /// <summary>A gateway with no configured key, in the given environment, over the given data directory.</summary>
    private sealed class KeylessFactory(string environment, string? dataDirectory = null) : GatewayFactory
    {
        private readonly string? _dataDirectory = dataDirectory;

        protected override string EnvironmentName => environment;

        protected override IDictionary<string, string?> Settings
        {
            get
            {
                var settings = new Dictionary<string, string?>(base.Settings) { ["Jwt:SigningKey"] = null };
                settings.Remove("Jwt:SigningKey");
                if (_dataDirectory is not null)
                {
                    settings["Messaging:DataDirectory"] = _dataDirectory;
                }

                return settings;
            }
        }
    }
}
