using Microsoft.Extensions.Configuration;
using Orleans.Hosting;

namespace Grains.Hosting;

/// <summary>Mutual TLS between members (Microsoft.Orleans.Connections.Security), from the "Transport" section.</summary>
internal static class TransportSecurity
{
    public static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration)
    {
    }

    public static void ConfigureClient(IClientBuilder client, IConfiguration configuration)
    {
    }
}
