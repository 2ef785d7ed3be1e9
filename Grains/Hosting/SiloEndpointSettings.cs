namespace Grains.Hosting;

/// <summary>Where a silo listens and how others reach it, bound from the "Silo" section.</summary>
public sealed class SiloEndpointSettings
{
    public const string SectionName = "Silo";

    /// <summary>The address the silo-to-silo and gateway endpoints listen on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Silo-to-silo port; 0 picks a free one.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>The port clients (gateways in cluster mode) connect to; 0 picks a free one. A co-hosted silo opens none.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>
    /// The IP address other members reach this silo at; the listen address by default. A host name (a compose
    /// service, a pod name) is resolved once at start, and the address is what the membership table holds.
    /// </summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>The silo's name in the membership table and the dashboard; Orleans picks one when unset.</summary>
    public string? Name { get; set; }

    /// <summary>An activation unused this long is deactivated (Orleans' grain collection age).</summary>
    public TimeSpan IdleCollectionAge { get; set; } = TimeSpan.FromMinutes(15);
}
