using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// A counter that holds across the cluster (key: <see cref="ThrottleKeys"/>): every gateway asks the one
/// activation, which answers from memory. Counters are not persisted: a silo failure or a deactivation forgets
/// them, which at worst starts a fresh window. The caller names the policy, so that one grain type serves
/// every limit; a key is always used with the same policy.
/// </summary>
public interface IThrottleGrain : IGrainWithStringKey
{
    /// <summary>Counts one hit, unless the key is blocked (then nothing is counted and the hit is refused).</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    ValueTask<ThrottleDecision> HitAsync(ThrottlePolicy policy);

    /// <summary>Whether the key is blocked now, counting nothing.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    ValueTask<ThrottleDecision> PeekAsync();
}
