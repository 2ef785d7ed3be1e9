using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Gateway.Api.Hosting;

internal static class ForwardingExtensions
{
    /// <summary>
    /// Behind nginx or a load balancer every connection comes from the proxy: the client's address (for
    /// login throttling) and scheme (for pagination links) are taken from X-Forwarded-For and
    /// X-Forwarded-Proto, but only when the connection comes from loopback or a configured proxy.
    /// </summary>
    public static IServiceCollection AddGatewayForwarding(this IServiceCollection services, IConfiguration configuration)
    {
        var forwarding = new ForwardingOptions();
        configuration.GetSection(ForwardingOptions.SectionName).Bind(forwarding);
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in forwarding.KnownProxies)
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new InvalidOperationException($"Forwarding:KnownProxies has '{proxy}', which is not an IP address."));
            }

            foreach (var network in forwarding.KnownNetworks)
            {
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed)
                    ? parsed
                    : throw new InvalidOperationException($"Forwarding:KnownNetworks has '{network}', which is not a CIDR network."));
            }
        });
        return services;
    }
}
