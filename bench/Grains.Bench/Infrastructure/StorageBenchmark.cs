using BenchmarkDotNet.Attributes;

namespace Grains.Bench.Infrastructure;

/// <summary>A benchmark run once per storage, on a one-silo cluster started for each.</summary>
public abstract class StorageBenchmark
{
    private BenchDatabase? _database;
    private BenchCluster? _cluster;

    [Params(BenchStorage.Sqlite, BenchStorage.SqliteNormal, BenchStorage.Postgres)]
    public BenchStorage Storage { get; set; }

    protected BenchCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster is not up.");

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    /// <summary>Registers what the silo hosts besides the storage.</summary>
    protected abstract void ConfigureSilo(ISiloBuilder silo);

    /// <summary>Creates what the benchmark works on, once the silo is up.</summary>
    protected abstract Task PrepareAsync();

    private async Task SetupAsync()
    {
        var database = await BenchDatabase.CreateAsync(Storage);
        _database = database;
        try
        {
            _cluster = await BenchCluster.StartAsync(silos: 1, silo =>
            {
                database.ConfigureSilo(silo);
                ConfigureSilo(silo);
            });
            await PrepareAsync();
        }
        catch
        {
            await CleanupAsync();
            throw;
        }
    }

    private async Task CleanupAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
            _cluster = null;
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
            _database = null;
        }
    }
}
