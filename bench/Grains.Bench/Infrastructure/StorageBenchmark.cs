using BenchmarkDotNet.Attributes;

namespace Grains.Bench.Infrastructure;

/// <summary>A benchmark run once per storage, on a one-silo cluster started for each.</summary>
public abstract class StorageBenchmark
{
    private BenchCluster? _cluster;

    [ParamsSource(nameof(Storages))]
    public BenchStorage Storage { get; set; }

    /// <summary>The storages this benchmark runs on (<see cref="StoragesToRun"/>; BenchmarkDotNet wants one member of this name).</summary>
    public IEnumerable<BenchStorage> Storages => StoragesToRun();

    protected virtual IEnumerable<BenchStorage> StoragesToRun() => [BenchStorage.Sqlite, BenchStorage.SqliteNormal, BenchStorage.Postgres];

    protected BenchCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not up.");

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster?.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Registers what the silo hosts besides the storage.</summary>
    protected abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Creates what the benchmark works on, once the silo is up.</summary>
    protected abstract Task PrepareAsync();

    private async Task SetupAsync()
    {
        _cluster = await BenchCluster.StartAsync(Storage, silos: 1, ConfigureSilo);
        await PrepareAsync();
    }
}
