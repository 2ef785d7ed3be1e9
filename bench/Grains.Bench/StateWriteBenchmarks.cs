using BenchmarkDotNet.Attributes;
using Grains.Bench.BenchGrains;
using Grains.Bench.Infrastructure;

namespace Grains.Bench;

/// <summary>
/// One grain state write through <see cref="IPersistentState{TState}"/> (an ETag-checked upsert of about
/// 40 bytes of JSON), through the hosting silo: the call's local path plus the storage provider's write
/// and commit. SQLite: the project's <c>IGrainStorage</c>; PostgreSQL: Orleans' ADO.NET grain storage.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks : StorageBenchmark
{
    private IBenchGrain _grain = null!;
    private int _value;

    [Benchmark]
    public Task WriteState() => _grain.WriteAsync(++_value);

    // The bench grain and its storage are all the silo needs.
    protected override void ConfigureSilo(ISiloBuilder silo)
    {
    }

    protected override async Task PrepareAsync()
    {
        _grain = Cluster.SiloGrainFactory(0).GetGrain<IBenchGrain>(Guid.NewGuid());
        await _grain.WriteAsync(0);
    }
}
