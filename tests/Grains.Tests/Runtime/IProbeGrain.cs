using Grains.Interfaces;
using Orleans.Concurrency;

namespace Grains.Tests.Runtime;

/// <summary>
/// A grain that reports where and how its calls ran, for the runtime tests. Its calls are cheap, like the
/// messaging grains' hot methods, and have their short response timeout: a call cut off by a silo that
/// goes away is answered within seconds, not Orleans' 30 s.
/// </summary>
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>Adds to the persisted value after a pause; reports how many calls overlapped it.</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds);

    /// <summary>
    /// Adds once per operation id: a repeat of the last operation (a retry whose first attempt did run) returns
    /// the value without adding again, as a send with a client message id does.
    /// </summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ProbeResult> AddOnceAsync(Guid operationId, int amount);

    /// <summary>Reads the value after a pause; read-only, so it may interleave with other reads.</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    [ReadOnly]
    Task<ProbeResult> ReadAsync(int pauseMilliseconds);

    /// <summary>
    /// Fails as a grain's call can fail: "stopping-silo" as Orleans refuses a call to a silo that is stopping
    /// (before any grain runs it), "not-found" as a grain refuses on purpose.
    /// </summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task FailAsync(string kind);

    /// <summary>Calls <see cref="FailAsync"/> on the probe <paramref name="target"/>: a failure in a call this grain makes.</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task RelayFailureAsync(Guid target, string kind);
}
