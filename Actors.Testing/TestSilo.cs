using Actors.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Actors.Testing;

/// <summary>One silo of a <see cref="TestCluster"/>: its own host, container and loopback endpoint.</summary>
public sealed class TestSilo
{
    internal TestSilo(IHost host)
    {
        Host = host;
        Status = host.Services.GetRequiredService<ISiloStatus>();
        GrainFactory = host.Services.GetRequiredService<IGrainFactory>();
    }

    public string SiloId => Status.SiloId;

    /// <summary>Calls that enter the cluster through this silo.</summary>
    public IGrainFactory GrainFactory { get; }

    public ISiloStatus Status { get; }

    public IServiceProvider Services => Host.Services;

    internal IHost Host { get; }

    internal bool IsRunning { get; set; } = true;

    public override string ToString() => SiloId;
}
