using Grains.Interfaces;

namespace Grains;

/// <summary>
/// Rules of the user grain that operators may tune (configuration section "Users", bound on silos and, for the
/// lockout of login names that match no account, on gateways).
/// Password hashing cost is configured separately through ASP.NET Core Identity's
/// <c>PasswordHasherOptions.IterationCount</c>; see <see cref="MessagingGrainsServiceCollectionExtensions"/>.
/// </summary>
public sealed class UserGrainOptions
{
    public const string SectionName = "Users";

    /// <summary>Failed password checks within <see cref="FailureWindow"/> that lock the account out.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>Failures older than this (counted from the first failure of a run) are forgotten.</summary>
    public TimeSpan FailureWindow { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How long a locked-out account refuses every password, the right one included.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Live refresh-token families (logins) kept per user; past this the one expiring soonest is dropped.</summary>
    public int MaxRefreshFamilies { get; set; } = 100;

    /// <summary>
    /// How long conversation activity (the last message time that orders the conversation list) may stay
    /// in memory before it is written. A crash loses at most this much activity ordering, never membership.
    /// </summary>
    public TimeSpan ActivityFlushDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The same lockout as a throttle policy, for login names that match no account.</summary>
    public ThrottlePolicy ToLockoutPolicy() => new(MaxFailedAttempts, FailureWindow, LockoutDuration);

    internal bool IsValid() =>
        MaxFailedAttempts > 0
        && FailureWindow > TimeSpan.Zero
        && LockoutDuration > TimeSpan.Zero
        && MaxRefreshFamilies > 0
        && ActivityFlushDelay > TimeSpan.Zero;
}
