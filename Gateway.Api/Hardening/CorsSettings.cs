namespace Gateway.Api.Hardening;

/// <summary>
/// Which browser origins may call the API from their pages (CORS), bound from the "Cors" section. Empty (the
/// default): none, and browsers keep other sites' scripts from reading any response.
/// </summary>
public sealed class CorsSettings
{
    public const string SectionName = "Cors";

    public const string AnyOrigin = "*";

    /// <summary>Origins such as <c>https://app.example.com</c> (scheme, host, port; no path), or <c>*</c> alone for any origin.</summary>
    public List<string> AllowedOrigins { get; } = [];

    /// <summary>How long a browser may reuse a preflight answer.</summary>
    public TimeSpan PreflightMaxAge { get; set; } = TimeSpan.FromMinutes(10);
}
