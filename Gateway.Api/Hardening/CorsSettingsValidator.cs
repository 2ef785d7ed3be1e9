using Microsoft.Extensions.Options;

namespace Gateway.Api.Hardening;

/// <summary>Fails start-up on an origin a browser would never send, so that a typo cannot silently leave CORS closed (or open).</summary>
internal sealed class CorsSettingsValidator : IValidateOptions<CorsSettings>
{
    public ValidateOptionsResult Validate(string? name, CorsSettings options)
    {
        var failures = new List<string>();
        if (options.AllowedOrigins.Contains(CorsSettings.AnyOrigin) && options.AllowedOrigins.Count > 1)
        {
            failures.Add("Cors:AllowedOrigins: '*' (any origin) stands alone.");
        }

        foreach (var origin in options.AllowedOrigins.Where(origin => origin != CorsSettings.AnyOrigin))
        {
            if (!IsOrigin(origin))
            {
                failures.Add($"Cors:AllowedOrigins has '{origin}', which is not an origin such as https://app.example.com (scheme, host and port only).");
            }
        }

        if (options.PreflightMaxAge < TimeSpan.Zero)
        {
            failures.Add("Cors:PreflightMaxAge must not be negative.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsOrigin(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
        && string.IsNullOrEmpty(uri.UserInfo)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), value, StringComparison.OrdinalIgnoreCase);
}
