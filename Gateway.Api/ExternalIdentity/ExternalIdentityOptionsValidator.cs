using Gateway.Api.Auth;
using Microsoft.Extensions.Options;

namespace Gateway.Api.ExternalIdentity;

/// <summary>Fails start-up on an external issuer that cannot work, or one that could be confused with another or with this gateway.</summary>
internal sealed class ExternalIdentityOptionsValidator(IOptions<JwtOptions> jwt) : IValidateOptions<ExternalIdentityOptions>
{
    public ValidateOptionsResult Validate(string? name, ExternalIdentityOptions options)
    {
        var failures = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { jwt.Value.Issuer };
        for (var index = 0; index < options.ExternalIssuers.Count; index++)
        {
            var issuer = options.ExternalIssuers[index];
            var setting = $"{ExternalIdentityOptions.IssuersPath}:{index}";
            if (string.IsNullOrWhiteSpace(issuer.Issuer) || string.IsNullOrWhiteSpace(issuer.Audience))
            {
                failures.Add($"{setting}:Issuer and {setting}:Audience must be set.");
                continue;
            }

            if (!seen.Add(issuer.Issuer))
            {
                failures.Add($"{setting}:Issuer '{issuer.Issuer}' is listed twice, or is this gateway's own Jwt:Issuer.");
            }

            if (!Uri.TryCreate(issuer.MetadataAddressOrDefault, UriKind.Absolute, out var metadata)
                || (metadata.Scheme != Uri.UriSchemeHttps && metadata.Scheme != Uri.UriSchemeHttp))
            {
                failures.Add($"{setting}:MetadataAddress (or the Issuer it defaults from) must be an absolute http(s) URL.");
            }
            else if (metadata.Scheme != Uri.UriSchemeHttps && issuer.RequireHttpsMetadata)
            {
                failures.Add($"{setting}:MetadataAddress must use https; set {setting}:RequireHttpsMetadata=false only for a provider on loopback.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
