using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway with small throttling limits, for the tests of throttling alone. The test server has no
/// real connections, so a request names its client address in <see cref="ClientAddressHeader"/>.
/// </summary>
public sealed class ThrottledGatewayFactory : GatewayFactory
{
    public const string ClientAddressHeader = "X-Test-Client-Address";
    public const int FailuresPerAddress = 3;
    public const int FailuresPerAccount = 2;
    public const int SendsPerUser = 3;

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(base.Settings)
    {
        ["RateLimiting:LoginFailuresPerAddress:PermitLimit"] = $"{FailuresPerAddress}",
        ["RateLimiting:LoginFailuresPerAddress:Window"] = "00:10:00",
        ["RateLimiting:LoginFailuresPerAccount:PermitLimit"] = $"{FailuresPerAccount}",
        ["RateLimiting:LoginFailuresPerAccount:Window"] = "00:10:00",
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
                if (IPAddress.TryParse(context.Request.Headers[ClientAddressHeader], out var address))
                {
                    context.Connection.RemoteIpAddress = address;
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
