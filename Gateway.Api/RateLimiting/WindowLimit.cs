using Grains.Interfaces;

namespace Gateway.Api.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> events per fixed <see cref="Window"/>, counted across the cluster.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid() => PermitLimit > 0 && Window > TimeSpan.Zero;

    /// <summary>The limit as the throttle grain applies it: blocked until the window ends once the permits are used.</summary>
    public ThrottlePolicy ToPolicy() => new(PermitLimit, Window, TimeSpan.Zero);
}
