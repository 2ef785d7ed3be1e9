using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.Infrastructure;

/// <summary>A benchmark run once per storage provider, on a one-silo cluster started for each.</summary>
public abstract class StorageBenchmark
{
    [Params(BenchStorage.Sqlite, BenchStorage.SqliteNormal, BenchStorage.Postgres)]
    public BenchStorage Storage { get; set; }

    protected BenchCluster Cluster { get; private set; } = null!;

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => Cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    /// <summary>Registers what the silo hosts besides the storage provider.</summary>
    protected abstract void ConfigureServices(IServiceCollection services);

    /// <summary>Creates what the benchmark works on, once the cluster is up.</summary>
    protected abstract Task PrepareAsync();

    private async Task SetupAsync()
    {
        Cluster = await BenchCluster.StartAsync(Storage, silos: 1, ConfigureServices);
        await PrepareAsync();
    }
}
