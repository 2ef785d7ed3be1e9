namespace Gateway.Api.Auth;

/// <summary>
/// A verification-only key of <see cref="JwtOptions.PreviousKeys"/>, of the configured algorithm: for HS256 the
/// former secret, for RS256/ES256 the former key as a PEM public (or private) key. Inline or from a file.
/// </summary>
public sealed class JwtVerificationKeyOptions
{
    public string? Key { get; set; }

    public string? KeyFile { get; set; }

    /// <summary>The <c>kid</c> its tokens carry; by default the key's JWK thumbprint, as when it was the current key.</summary>
    public string? KeyId { get; set; }
}
