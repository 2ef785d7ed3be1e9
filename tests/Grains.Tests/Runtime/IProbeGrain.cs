using Orleans.Concurrency;

namespace Grains.Tests.Runtime;

/// <summary>A grain that reports where and how its calls ran, for the runtime tests.</summary>
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>Adds to the persisted value after a pause; reports how many calls overlapped it.</summary>
    Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds);

    /// <summary>
    /// Adds once per operation id: a repeat of the last operation (a retry whose first attempt did run) returns
    /// the value without adding again, as a send with a client message id does.
    /// </summary>
    Task<ProbeResult> AddOnceAsync(Guid operationId, int amount);

    /// <summary>Reads the value after a pause; read-only, so it may interleave with other reads.</summary>
    [ReadOnly]
    Task<ProbeResult> ReadAsync(int pauseMilliseconds);
}
