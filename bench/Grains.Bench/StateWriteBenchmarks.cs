using BenchmarkDotNet.Attributes;
using Grains.Bench.BenchGrains;
using Grains.Bench.Infrastructure;

namespace Grains.Bench;

/// <summary>
/// One grain state write through <see cref="IPersistentState{TState}"/> (an ETag-checked upsert of about
/// 40 bytes of JSON), through the hosting silo: the call's local path plus the storage provider's write
/// and commit. SQLite: the project's <c>IGrainStorage</c>; PostgreSQL: Orleans' ADO.NET grain storage;
/// SqliteAdoNet: Orleans' ADO.NET grain storage on SQLite, the alternative the product does not use.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks : StorageBenchmark
{
    /// <summary>Writers at once in <see cref="WriteStateSixteenInFlight"/>, as in the probe the move onto Orleans was measured by.</summary>
    private const int Writers = 16;

    private IBenchGrain _grain = null!;
    private IBenchGrain[] _writers = [];
    private int _value;

    protected override IEnumerable<BenchStorage> StoragesToRun() => [.. base.StoragesToRun(), BenchStorage.SqliteAdoNet];

    [Benchmark]
    public Task WriteState() => _grain.WriteAsync(++_value);

    /// <summary>16 grains write at once; time per write.</summary>
    [Benchmark(OperationsPerInvoke = Writers)]
    public Task WriteStateSixteenInFlight()
    {
        var value = ++_value;
        return Task.WhenAll(_writers.Select(grain => grain.WriteAsync(value)));
    }

    // The bench grain and its storage are all the silo needs.
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
    }

    protected override async Task PrepareAsync()
    {
        _grain = Cluster.SiloGrainFactory(0).GetGrain<IBenchGrain>(Guid.NewGuid());
        await _grain.WriteAsync(0);
        _writers = [.. Enumerable.Range(0, Writers).Select(_ => Cluster.SiloGrainFactory(0).GetGrain<IBenchGrain>(Guid.NewGuid()))];
        await Task.WhenAll(_writers.Select(grain => grain.WriteAsync(0)));
    }
}
