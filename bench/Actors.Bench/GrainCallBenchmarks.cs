using Actors.Bench.Grains;
using Actors.Bench.Infrastructure;
using Actors.Hosting;
using BenchmarkDotNet.Attributes;

namespace Actors.Bench;

/// <summary>
/// The runtime's call path, without storage: a call entering through the silo that owns the grain (the
/// local path, no serialization) and one entering through the other silo (a request frame and a response
/// frame over loopback TCP, JSON both ways). The "InFlight" variants keep 32 calls to 32 grains in flight,
/// so that frames share flushes; their numbers are per call.
/// </summary>
/// <remarks>Benchmark methods are named for the results table, without the Async suffix.</remarks>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int InFlight = 32;

    private readonly Task<int>[] _pending = new Task<int>[InFlight];
    private BenchCluster _cluster = null!;
    private IBenchGrain _sameSilo = null!;
    private IBenchGrain _crossSilo = null!;
    private IBenchGrain[] _sameSiloMany = null!;
    private IBenchGrain[] _crossSiloMany = null!;

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _cluster = await BenchCluster.StartAsync(
            BenchStorage.Sqlite,
            silos: 2,
            services => services.AddGrain<IBenchGrain, BenchGrain>().AddGrainSerializer(BenchJsonContext.Default));
        var owner = _cluster.Silos[0];
        var other = _cluster.Silos[1];
        var keys = await GrainKeys.OwnedByAsync<IBenchGrain>(owner, InFlight, g => g.GetSiloIdAsync());
        _sameSilo = owner.GrainFactory.GetGrain<IBenchGrain>(keys[0]);
        _crossSilo = other.GrainFactory.GetGrain<IBenchGrain>(keys[0]);
        _sameSiloMany = [.. keys.Select(owner.GrainFactory.GetGrain<IBenchGrain>)];
        _crossSiloMany = [.. keys.Select(other.GrainFactory.GetGrain<IBenchGrain>)];

        // Activate every grain and open the silo-to-silo connection before anything is measured.
        await Task.WhenAll(_crossSiloMany.Select(g => g.PingAsync(0)));
    }

    [Benchmark]
    public Task<int> SameSiloCall() => _sameSilo.PingAsync(1);

    [Benchmark]
    public Task<int> CrossSiloCall() => _crossSilo.PingAsync(1);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task SameSiloCallsInFlight() => CallAllAsync(_sameSiloMany);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task CrossSiloCallsInFlight() => CallAllAsync(_crossSiloMany);

    private Task CallAllAsync(IBenchGrain[] grains)
    {
        for (var i = 0; i < grains.Length; i++)
        {
            _pending[i] = grains[i].PingAsync(i);
        }

        return Task.WhenAll(_pending);
    }
}
