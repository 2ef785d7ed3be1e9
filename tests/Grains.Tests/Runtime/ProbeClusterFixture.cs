using Actors.Hosting;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Runtime;

/// <summary>A 3-silo cluster over SQLite hosting probe grains, shared by one test collection.</summary>
public sealed class ProbeClusterFixture : IAsyncLifetime
{
    public ProbeEvents Events { get; } = new();

    public TestCluster Cluster { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Cluster = await TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = 3,
            ConfigureServices = services => services
                .AddSingleton(Events)
                .AddGrain<IProbeGrain, ProbeGrain>()
                .AddGrainSerializer(ProbeJsonContext.Default),
        });

    public async Task DisposeAsync() => await Cluster.DisposeAsync();
}
