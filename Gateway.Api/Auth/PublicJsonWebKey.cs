using System.Text.Json.Serialization;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>
/// One public key as a JWK (RFC 7517): type, use, algorithm, id, and the public members of its type only
/// (<c>n</c>, <c>e</c> for RSA; <c>crv</c>, <c>x</c>, <c>y</c> for EC). No private member exists on this type.
/// </summary>
public sealed record PublicJsonWebKey(
    [property: JsonPropertyName("kty")] string Kty,
    [property: JsonPropertyName("use")] string Use,
    [property: JsonPropertyName("alg")] string Alg,
    [property: JsonPropertyName("kid")] string Kid,
    [property: JsonPropertyName("n"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? N,
    [property: JsonPropertyName("e"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? E,
    [property: JsonPropertyName("crv"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Crv,
    [property: JsonPropertyName("x"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? X,
    [property: JsonPropertyName("y"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Y)
{
    /// <summary>The public JWK of <paramref name="key"/> (its public part, converted by Microsoft.IdentityModel), for signatures of <paramref name="algorithm"/>.</summary>
    public static PublicJsonWebKey From(AsymmetricSecurityKey key, string algorithm)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = SigningKeys.ToJsonWebKey(SigningKeys.PublicPart(key) ?? key);
        return new PublicJsonWebKey(jwk.Kty, JsonWebKeyUseNames.Sig, algorithm, key.KeyId, jwk.N, jwk.E, jwk.Crv, jwk.X, jwk.Y);
    }
}
