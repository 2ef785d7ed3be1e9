namespace Actors.Hosting;

/// <summary>Options of a silo (a grain host). Bound from the "Silo" configuration section by the hosts.</summary>
public sealed class SiloOptions
{
    /// <summary>Unique id of this silo process; generated when not set.</summary>
    public string? SiloId { get; set; }

    /// <summary>Address the grain-call endpoint listens on.</summary>
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Host name or address other silos and clients use to reach this one; defaults to <see cref="ListenAddress"/>.</summary>
    public string? AdvertisedHost { get; set; }

    /// <summary>TCP port of the grain-call endpoint; 0 picks a free port at start.</summary>
    public int Port { get; set; } = 11111;

    /// <summary>An activation unused for this long is deactivated.</summary>
    public TimeSpan IdleCollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan IdleCollectionPeriod { get; set; } = TimeSpan.FromMinutes(1);
}
