using Microsoft.Extensions.Options;

namespace Gateway.Api.Auth;

/// <summary>Fails start-up on unusable token settings; outside Development a configured key is mandatory.</summary>
internal sealed class JwtOptionsValidator(IHostEnvironment environment) : IValidateOptions<JwtOptions>
{
    public ValidateOptionsResult Validate(string? name, JwtOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrEmpty(options.SigningKey))
        {
            if (!environment.IsDevelopment())
            {
                failures.Add(
                    "Jwt:SigningKey is not set. Outside Development the gateway needs a signing key: for HS256 a secret " +
                    $"of at least {SigningKeys.MinimumSecretBytes} bytes, for RS256/ES256 a PEM private key " +
                    "(setting Jwt:SigningKey, environment variable Jwt__SigningKey).");
            }

            if (!SigningKeys.Algorithms.Contains(options.Algorithm))
            {
                failures.Add($"Jwt:Algorithm must be one of {string.Join(", ", SigningKeys.Algorithms)}.");
            }
        }
        else if (SigningKeys.TryCreate(options.Algorithm, options.SigningKey, out var error) is null)
        {
            failures.Add(error!);
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
}
