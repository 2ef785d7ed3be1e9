using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Testing;

/// <summary>How a <see cref="TestCluster"/> is built.</summary>
public sealed class TestClusterOptions
{
    public int InitialSilos { get; set; } = 3;

    /// <summary>Registers grains and their services on every silo (and the client).</summary>
    public Action<IServiceCollection> ConfigureServices { get; set; } = _ => { };

    /// <summary>Registers the storage provider on every silo and the client; a temporary SQLite file by default.</summary>
    public Action<IServiceCollection>? ConfigureStorage { get; set; }

    /// <summary>Shorter than production defaults so that failure detection takes seconds, not tens of seconds.</summary>
    public Action<MembershipOptions> ConfigureMembership { get; set; } = o =>
    {
        o.HeartbeatPeriod = TimeSpan.FromMilliseconds(250);
        o.RefreshPeriod = TimeSpan.FromMilliseconds(250);
        o.SuspicionTimeout = TimeSpan.FromSeconds(2);
    };

    public Action<GrainCallOptions> ConfigureGrainCalls { get; set; } = o => o.CallTimeout = TimeSpan.FromSeconds(30);

    public Action<SiloOptions> ConfigureSilo { get; set; } = _ => { };

    /// <summary>Transport security for every member (silos and client); plain TCP by default.</summary>
    public Action<TransportOptions> ConfigureTransport { get; set; } = _ => { };
}
