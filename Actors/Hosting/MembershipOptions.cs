namespace Actors.Hosting;

/// <summary>Membership timings. Bound from the "Membership" configuration section by the hosts.</summary>
public sealed class MembershipOptions
{
    /// <summary>How often a silo renews its heartbeat.</summary>
    public TimeSpan HeartbeatPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A silo whose heartbeat is older than this is declared dead; a silo that cannot renew within it stops serving.</summary>
    public TimeSpan SuspicionTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often silos and clients re-read the membership table.</summary>
    public TimeSpan RefreshPeriod { get; set; } = TimeSpan.FromSeconds(1);
}
