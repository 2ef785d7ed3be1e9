namespace Gateway.Api.RateLimiting;

/// <summary>
/// Throttling limits, bound from the "RateLimiting" section; every gateway of a cluster should have the same,
/// since they count together (in throttle grains). Defaults are generous enough for benchmarks. The lockout of
/// an account after failed logins is the user grain's (section "Users").
/// </summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Failed logins allowed from one client address per window.</summary>
    public WindowLimit LoginFailuresPerAddress { get; set; } = new() { PermitLimit = 100, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Registrations (attempts, successful or not) allowed from one client address per window.</summary>
    public WindowLimit RegistrationsPerAddress { get; set; } = new() { PermitLimit = 1_000, Window = TimeSpan.FromHours(1) };

    /// <summary>Messages one user may send per window.</summary>
    public WindowLimit SendsPerUser { get; set; } = new() { PermitLimit = 20_000, Window = TimeSpan.FromSeconds(1) };

    public bool IsValid() => LoginFailuresPerAddress.IsValid() && RegistrationsPerAddress.IsValid() && SendsPerUser.IsValid();
}
