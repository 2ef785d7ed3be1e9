using BenchmarkDotNet.Attributes;
using Grains.Bench.BenchGrains;
using Grains.Bench.Infrastructure;

namespace Grains.Bench;

/// <summary>
/// Orleans' call path, without storage, on two silos in this process. A call to a grain on the silo it
/// enters through (the hosting silo's grain factory: a local message, no serialization, [Immutable]
/// arguments not even copied); through the other silo (a request and a response over the silo-to-silo
/// loopback TCP connection, serialized both ways); and from an external Orleans client, as the gateway
/// calls in cluster mode: through the hosting silo's gateway (one round trip) or through the other silo's
/// gateway, which forwards it (two). The "InFlight" variants keep 32 calls to 32 grains in flight, so that
/// messages share socket writes; their numbers are per call.
/// </summary>
/// <remarks>Benchmark methods are named for the results table, without the Async suffix.</remarks>
[MemoryDiagnoser]
public class GrainCallBenchmarks
{
    private const int InFlight = 32;
    private const int HostingSilo = 0;
    private const int OtherSilo = 1;

    private static readonly Ping Request = new(1);

    private readonly Task<Pong>[] _pending = new Task<Pong>[InFlight];
    private BenchCluster _cluster = null!;
    private IBenchGrain[] _sameSilo = null!;
    private IBenchGrain[] _crossSilo = null!;
    private IBenchGrain[] _client = null!;
    private IBenchGrain[] _clientForwarded = null!;

    // The in-process toolchain does not await an async [GlobalSetup] or [GlobalCleanup]: block on them here.
    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    [GlobalCleanup]
    public void Cleanup() => _cluster.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark]
    public Task<Pong> SameSiloCall() => _sameSilo[0].PingAsync(Request);

    [Benchmark]
    public Task<Pong> CrossSiloCall() => _crossSilo[0].PingAsync(Request);

    [Benchmark]
    public Task<Pong> ClientCall() => _client[0].PingAsync(Request);

    [Benchmark]
    public Task<Pong> ClientCallForwarded() => _clientForwarded[0].PingAsync(Request);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task SameSiloCallsInFlight() => CallAllAsync(_sameSilo);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task CrossSiloCallsInFlight() => CallAllAsync(_crossSilo);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task ClientCallsInFlight() => CallAllAsync(_client);

    [Benchmark(OperationsPerInvoke = InFlight)]
    public Task ClientCallsForwardedInFlight() => CallAllAsync(_clientForwarded);

    private async Task SetupAsync()
    {
        _cluster = await BenchCluster.StartAsync(BenchStorage.Sqlite, silos: 2, static _ => { });
        var throughHost = await _cluster.ConnectClientAsync(HostingSilo);
        var throughOther = await _cluster.ConnectClientAsync(OtherSilo);

        // The bench grain is placed where its first call comes from: the hosting silo's factory. Every other
        // caller must then reach those same activations (which also opens every connection and fills the
        // callers' caches of where the grains are before anything is measured).
        var keys = Enumerable.Range(0, InFlight).Select(_ => Guid.NewGuid()).ToArray();
        _sameSilo = [.. keys.Select(key => _cluster.SiloGrainFactory(HostingSilo).GetGrain<IBenchGrain>(key))];
        _crossSilo = [.. keys.Select(key => _cluster.SiloGrainFactory(OtherSilo).GetGrain<IBenchGrain>(key))];
        _client = [.. keys.Select(key => throughHost.GetGrain<IBenchGrain>(key))];
        _clientForwarded = [.. keys.Select(key => throughOther.GetGrain<IBenchGrain>(key))];
        var host = _cluster.SiloAddress(HostingSilo);
        foreach (var callers in new[] { _sameSilo, _crossSilo, _client, _clientForwarded })
        {
            foreach (var grain in callers)
            {
                var silo = await grain.GetSiloAsync();
                if (!silo.Equals(host))
                {
                    throw new InvalidOperationException($"A bench grain answered from {silo}, not from the hosting silo {host}.");
                }
            }

            await CallAllAsync(callers);
        }
    }

    private Task CallAllAsync(IBenchGrain[] grains)
    {
        for (var i = 0; i < grains.Length; i++)
        {
            _pending[i] = grains[i].PingAsync(Request);
        }

        return Task.WhenAll(_pending);
    }
}
