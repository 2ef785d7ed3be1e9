using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>Fails start-up on unusable token settings; outside Development a configured key is mandatory.</summary>
internal sealed class JwtOptionsValidator(IHostEnvironment environment) : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (!SigningKeys.Algorithms.Contains(options.Algorithm))
        {
            failures.Add($"Jwt:Algorithm must be one of {string.Join(", ", SigningKeys.Algorithms)}.");
        }
        else
        {
            ValidateKeys(options, failures);
        }

        if (options.AccessTokenLifetime <= TimeSpan.Zero || options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            failures.Add("Jwt:AccessTokenLifetime and Jwt:RefreshTokenLifetime must be positive.");
        }

        if (string.IsNullOrEmpty(options.Issuer) || string.IsNullOrEmpty(options.Audience))
        {
            failures.Add("Jwt:Issuer and Jwt:Audience must be set.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void ValidateKeys(JwtOptions options, List<string> failures)
    {
        var configured = !string.IsNullOrEmpty(options.SigningKey) || !string.IsNullOrEmpty(options.SigningKeyFile);
        if (!configured && !environment.IsDevelopment())
        {
            failures.Add(
                "Jwt:SigningKey is not set. Outside Development the gateway needs a signing key: for HS256 a secret " +
                $"of at least {SigningKeys.MinimumSecretBytes} bytes, for RS256/ES256 a PEM private key " +
                "(setting Jwt:SigningKey, environment variable Jwt__SigningKey, or a file named by Jwt:SigningKeyFile).");
        }

        var keys = new List<SecurityKey>();
        if (configured && JwtKeyLoader.LoadSigningKey(options, developmentMaterial: null, failures) is { } signing)
        {
            keys.Add(signing);
        }

        keys.AddRange(JwtKeyLoader.LoadPreviousKeys(options, failures));
        JwtKeyLoader.CheckDistinctKeyIds(keys, failures);
    }
}
