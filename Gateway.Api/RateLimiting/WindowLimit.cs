using System.Threading.RateLimiting;

namespace Gateway.Api.RateLimiting;

/// <summary>At most <see cref="PermitLimit"/> events per fixed <see cref="Window"/>.</summary>
public sealed class WindowLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public bool IsValid() => PermitLimit > 0 && Window > TimeSpan.Zero;

    public FixedWindowRateLimiterOptions ToLimiterOptions() => new()
    {
        PermitLimit = PermitLimit,
        Window = Window,
        QueueLimit = 0,
        AutoReplenishment = true,
    };
}
