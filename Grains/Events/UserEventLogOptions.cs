namespace Grains.Events;

/// <summary>How long a user's events are kept, and how gateways' subscriptions to them live (configuration section "Events").</summary>
public sealed class UserEventLogOptions
{
    public const string SectionName = "Events";

    /// <summary>At least this many of a user's newest events are kept for resuming streams.</summary>
    public int RetainedEvents { get; set; } = 1000;

    /// <summary>Events younger than this are kept, however many there are.</summary>
    public TimeSpan RetentionPeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Recent events a user grain keeps in memory, so that resuming and gap filling rarely read the database.</summary>
    public int CachedEvents { get; set; } = 128;

    /// <summary>A gateway's subscription to a user's events lapses unless renewed within this time.</summary>
    public TimeSpan SubscriptionLifetime { get; set; } = TimeSpan.FromMinutes(1);

    internal bool IsValid() =>
        RetainedEvents > 0 && RetentionPeriod >= TimeSpan.Zero && CachedEvents > 0 && SubscriptionLifetime > TimeSpan.Zero;
}
