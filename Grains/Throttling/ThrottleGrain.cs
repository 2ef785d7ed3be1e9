using Grains.Interfaces;

namespace Grains;

/// <summary>
/// A fixed-window counter in memory (see <see cref="IThrottleGrain"/>). While it counts or blocks it keeps
/// its activation alive, so that idle collection does not forget a lockout before it ends.
/// </summary>
[GrainType("throttle")]
public sealed class ThrottleGrain(TimeProvider time) : Grain, IThrottleGrain
{
    private DateTimeOffset _windowEnd;
    private int _hits;
    private DateTimeOffset _blockedUntil;

    public ValueTask<ThrottleDecision> HitAsync(ThrottlePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = time.GetUtcNow();
        if (_blockedUntil > now)
        {
            return ValueTask.FromResult(new ThrottleDecision(false, _blockedUntil - now));
        }

        if (_windowEnd <= now)
        {
            _windowEnd = now + policy.Window;
            _hits = 0;
        }

        _hits++;
        if (_hits < policy.Limit)
        {
            KeepUntil(_windowEnd, now);
            return ValueTask.FromResult(ThrottleDecision.Open);
        }

        _blockedUntil = policy.Block > TimeSpan.Zero ? now + policy.Block : _windowEnd;
        _windowEnd = now;
        _hits = 0;
        KeepUntil(_blockedUntil, now);
        return ValueTask.FromResult(new ThrottleDecision(true, _blockedUntil - now));
    }

    public ValueTask<ThrottleDecision> PeekAsync()
    {
        var now = time.GetUtcNow();
        return ValueTask.FromResult(_blockedUntil > now ? new ThrottleDecision(false, _blockedUntil - now) : ThrottleDecision.Open);
    }

    private void KeepUntil(DateTimeOffset until, DateTimeOffset now) => DelayDeactivation(until - now);
}
