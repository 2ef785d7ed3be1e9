using Orleans.Concurrency;

namespace Grains.Bench.BenchGrains;

/// <summary>A grain with the least domain logic possible, so that its calls measure Orleans and the storage.</summary>
public interface IBenchGrain : IGrainWithGuidKey
{
    /// <summary>Answers with the request's value: one call, no state.</summary>
    Task<Pong> PingAsync(Ping ping);

    /// <summary>The silo that runs this activation.</summary>
    [ReadOnly]
    Task<SiloAddress> GetSiloAsync();

    /// <summary>Sets the persisted value and writes the state (one ETag-checked write).</summary>
    Task WriteAsync(int value);
}
