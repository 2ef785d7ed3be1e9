using Actors.Bench.Grains;
using Actors.Bench.Infrastructure;
using Actors.Hosting;
using BenchmarkDotNet.Attributes;

namespace Actors.Bench;

/// <summary>
/// One grain state write (an ETag-checked upsert of a small JSON payload), through the owning silo: the
/// call's local path plus the storage provider's write and commit.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks
{
    private BenchCluster _cluster = null!;
    private IBenchGrain _grain = null!;
    private int _value;

    [Params(BenchStorage.Sqlite, BenchStorage.SqliteNormal, BenchStorage.Postgres)]
    public BenchStorage Storage { get; set; }

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cluster = await BenchCluster.StartAsync(
            Storage,
            silos: 1,
            services => services.AddGrain<IBenchGrain, BenchGrain>().AddGrainSerializer(BenchJsonContext.Default));
        _grain = _cluster.Silos[0].GrainFactory.GetGrain<IBenchGrain>(Guid.NewGuid());
        await _grain.WriteAsync(0);
    }

    [Benchmark]
    public Task WriteState() => _grain.WriteAsync(++_value);
}
