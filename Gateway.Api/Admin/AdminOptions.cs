namespace Gateway.Api.Admin;

/// <summary>Administration settings, bound from the "Admin" section.</summary>
public sealed class AdminOptions
{
    public const string SectionName = "Admin";

    /// <summary>
    /// How long a gateway trusts the user grain's answer to "is this user active, with which role" before asking
    /// again: a deactivation or role change reaches every gateway within this time. At most 60 seconds.
    /// </summary>
    public TimeSpan AccessCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    public bool IsValid() => AccessCacheDuration > TimeSpan.Zero && AccessCacheDuration <= TimeSpan.FromSeconds(60);
}
