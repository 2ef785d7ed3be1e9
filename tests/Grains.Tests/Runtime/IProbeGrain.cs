using Orleans.Concurrency;

namespace Grains.Tests.Runtime;

/// <summary>A grain that reports where and how its calls ran, for the runtime tests.</summary>
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>Adds to the persisted value after a pause; reports how many calls overlapped it.</summary>
    Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds);

    /// <summary>Reads the value after a pause; read-only, so it may interleave with other reads.</summary>
    [ReadOnly]
    Task<ProbeResult> ReadAsync(int pauseMilliseconds);
}
