using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;
using Orleans.TestingHost;

namespace Grains.Tests.Clusters;

/// <summary>
/// A 3-silo <see cref="TestCluster"/> hosting the messaging grains over one storage provider, shared by a
/// test collection (tests use fresh grain keys). Tests that change the topology start clusters of their own
/// through <see cref="StartClusterAsync"/>, each over fresh storage.
/// </summary>
public abstract class MessagingClusterFixture : IAsyncLifetime
{
    public const short SiloCount = 3;

    private readonly List<TestCluster> _clusters = [];

    /// <summary>The storage provider, as <c>Messaging:Storage</c> names it.</summary>
    public abstract string Provider { get; }

    public TestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    /// <summary>One factory per silo: calls that enter the cluster through that silo.</summary>
    public IReadOnlyList<IGrainFactory> SiloFactories => [.. Cluster.Silos.Select(silo => silo.Services().GetRequiredService<IGrainFactory>())];

    public async Task InitializeAsync()
    {
        await StartStorageAsync();
        Cluster = await StartClusterAsync(SiloCount);
    }

    public async Task DisposeAsync()
    {
        foreach (var cluster in _clusters)
        {
            await cluster.DisposeAsync();
        }

        await StopStorageAsync();
    }

    /// <summary>Starts a cluster of its own over a fresh database; it is disposed with the fixture, if not before.</summary>
    public async Task<TestCluster> StartClusterAsync(short silos)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.ConfigureFileLogging = false;
        new ClusterSettings(Provider, await CreateDatabaseAsync()).WriteTo(builder.Properties);
        builder.AddSiloBuilderConfigurator<MessagingSiloConfigurator>();
        builder.AddClientBuilderConfigurator<MessagingClientConfigurator>();
        var cluster = builder.Build();
        _clusters.Add(cluster);
        await cluster.DeployAsync();
        return cluster;
    }

    /// <summary>
    /// A grain's state as stored now, read through the silo's default <see cref="IGrainStorage"/> around any
    /// activation, with its ETag (both providers count a grain's writes in it).
    /// </summary>
    public async Task<(T State, long Version)> ReadStoredStateAsync<T>(IAddressable grain, string stateName)
        where T : class, new()
    {
        var storage = Cluster.Primary!.Services().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain.GetGrainId(), state);
        return (state.State ?? throw new InvalidOperationException("Grain storage read no state."), state.ETag is null ? 0 : long.Parse(state.ETag, System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Starts what the provider needs before any database is created.</summary>
    protected abstract Task StartStorageAsync();

    protected abstract Task StopStorageAsync();

    /// <summary>A fresh, empty database for one cluster; returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();
}
