namespace Gateway.Api.Auth;

/// <summary>Token issuing and validation settings, bound from the "Jwt" section.</summary>
public sealed class JwtOptions
{
    public const string SectionName = "Jwt";

    public string Issuer { get; set; } = "messaging-gateway";

    public string Audience { get; set; } = "messaging-api";

    /// <summary>HS256 (default), RS256 or ES256: the only algorithm tokens are signed and accepted with.</summary>
    public string Algorithm { get; set; } = "HS256";

    /// <summary>
    /// HS256: a secret of at least 32 bytes (UTF-8). RS256/ES256: a PEM private key. This or
    /// <see cref="SigningKeyFile"/> is required outside Development; in Development a random key is
    /// generated once and kept under the data directory.
    /// </summary>
    public string? SigningKey { get; set; }

    /// <summary>A file holding what <see cref="SigningKey"/> would hold (a secret, or a PEM private key).</summary>
    public string? SigningKeyFile { get; set; }

    /// <summary>The <c>kid</c> of tokens signed now; by default the key's JWK thumbprint (RFC 7638).</summary>
    public string? KeyId { get; set; }

    /// <summary>
    /// Keys that signed tokens before the current one (rotation): tokens they signed keep validating until the
    /// key is removed from this list. Never used to sign.
    /// </summary>
    public List<JwtVerificationKeyOptions> PreviousKeys { get; set; } = [];

    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan RefreshTokenLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Tolerance for clocks that disagree when checking exp.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
