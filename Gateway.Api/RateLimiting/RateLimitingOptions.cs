namespace Gateway.Api.RateLimiting;

/// <summary>Throttling limits, bound from the "RateLimiting" section. Defaults are generous enough for benchmarks.</summary>
public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Failed logins allowed from one client address per window.</summary>
    public WindowLimit LoginFailuresPerAddress { get; set; } = new() { PermitLimit = 100, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Failed logins allowed against one account per window (the user grain's own lockout applies as well).</summary>
    public WindowLimit LoginFailuresPerAccount { get; set; } = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(5) };

    /// <summary>Messages one user may send per window.</summary>
    public WindowLimit SendsPerUser { get; set; } = new() { PermitLimit = 20_000, Window = TimeSpan.FromSeconds(1) };

    public bool IsValid() => LoginFailuresPerAddress.IsValid() && LoginFailuresPerAccount.IsValid() && SendsPerUser.IsValid();
}
