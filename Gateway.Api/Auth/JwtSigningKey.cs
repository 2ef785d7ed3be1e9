using Gateway.Api.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>
/// The keys of this gateway's tokens: the current key, which signs, and the previous keys of a rotation, which
/// only verify. Every key has a <c>kid</c>, which the tokens it signs carry in their header.
/// </summary>
public sealed class JwtSigningKey
{
    public JwtSigningKey(IOptions<JwtOptions> jwt, IOptions<MessagingOptions> messaging, IHostEnvironment environment)
    {
        var options = jwt.Value;
        string? development = null;
        if (string.IsNullOrEmpty(options.SigningKey) && string.IsNullOrEmpty(options.SigningKeyFile) && environment.IsDevelopment())
        {
            development = DevelopmentKeyFile.ReadOrCreate(
                DevelopmentKeyFile.PathFor(messaging.Value.FullDataDirectory, options.Algorithm), options.Algorithm);
        }

        var errors = new List<string>();
        var key = JwtKeyLoader.LoadSigningKey(options, development, errors);
        var previous = JwtKeyLoader.LoadPreviousKeys(options, errors);
        if (key is null && errors.Count == 0)
        {
            errors.Add("Jwt:SigningKey is not set.");
        }

        List<SecurityKey> all = key is null ? previous : [key, .. previous];
        JwtKeyLoader.CheckDistinctKeyIds(all, errors);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", errors));
        }

        Algorithm = options.Algorithm;
        Key = key!;
        Credentials = new SigningCredentials(Key, Algorithm);
        VerificationKeys = all;
        PublicKeys = [.. all.Select(SigningKeys.PublicPart).OfType<AsymmetricSecurityKey>()];
    }

    public string Algorithm { get; }

    /// <summary>The current key; its <c>KeyId</c> is the <c>kid</c> of tokens signed now.</summary>
    public SecurityKey Key { get; }

    public string KeyId => Key.KeyId;

    public SigningCredentials Credentials { get; }

    /// <summary>The current key, then the previous ones.</summary>
    public IReadOnlyList<SecurityKey> VerificationKeys { get; }

    /// <summary>The public parts of <see cref="VerificationKeys"/> when they are asymmetric (empty for HS256): what the JWKS publishes.</summary>
    public IReadOnlyList<AsymmetricSecurityKey> PublicKeys { get; }

    /// <summary>
    /// The keys that may have signed a token with this <c>kid</c>: the one key of that id, or none for an unknown id.
    /// A token without a <c>kid</c> (issued before tokens carried one) may be checked against every key.
    /// </summary>
    public IEnumerable<SecurityKey> Resolve(string? kid) =>
        string.IsNullOrEmpty(kid)
            ? VerificationKeys
            : VerificationKeys.Where(key => string.Equals(key.KeyId, kid, StringComparison.Ordinal));
}
