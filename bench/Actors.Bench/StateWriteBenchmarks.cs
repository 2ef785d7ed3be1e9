using Actors.Bench.Grains;
using Actors.Bench.Infrastructure;
using Actors.Hosting;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench;

/// <summary>
/// One grain state write (an ETag-checked upsert of a small JSON payload), through the owning silo: the
/// call's local path plus the storage provider's write and commit.
/// </summary>
[MemoryDiagnoser]
public class StateWriteBenchmarks : StorageBenchmark
{
    private IBenchGrain _grain = null!;
    private int _value;

    protected override void ConfigureServices(IServiceCollection services) =>
        services.AddGrain<IBenchGrain, BenchGrain>().AddGrainSerializer(BenchJsonContext.Default);

    protected override async Task PrepareAsync()
    {
        _grain = Cluster.Silos[0].GrainFactory.GetGrain<IBenchGrain>(Guid.NewGuid());
        await _grain.WriteAsync(0);
    }

    [Benchmark]
    public Task WriteState() => _grain.WriteAsync(++_value);
}
