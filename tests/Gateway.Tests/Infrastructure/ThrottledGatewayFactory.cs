using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway with small throttling limits, for the tests of throttling alone. The test server has no
/// real connections, so a request names its client address in <see cref="ClientAddressHeader"/>; a request
/// without it comes from an address of its own.
/// </summary>
public sealed class ThrottledGatewayFactory : GatewayFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const int FailuresPerAddress = 3;
    public const int FailuresPerAccount = 2;
    public const int SendsPerUser = 3;
    public const int RegistrationsPerAddress = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimiting:LoginFailuresPerAddress:PermitLimit"] = $"{FailuresPerAddress}",
        ["RateLimiting:LoginFailuresPerAddress:Window"] = "00:10:00",
        ["Users:MaxFailedAttempts"] = $"{FailuresPerAccount}",
        ["Users:FailureWindow"] = "00:10:00",
        ["Users:LockoutDuration"] = "00:10:00",
        ["RateLimiting:RegistrationsPerAddress:PermitLimit"] = $"{RegistrationsPerAddress}",
        ["RateLimiting:RegistrationsPerAddress:Window"] = "00:10:00",
        ["RateLimiting:SendsPerUser:PermitLimit"] = $"{SendsPerUser}",
        ["RateLimiting:SendsPerUser:Window"] = "00:10:00",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ClientAddressFilter>());
    }

    private sealed class ClientAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address)
                    ? address
                    : new IPAddress(Guid.NewGuid().ToByteArray()[..4]);

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
