using System.Text.Json.Serialization;

namespace Gateway.Api.Auth;

/// <summary>The JWK Set (RFC 7517 section 5) of <c>GET /.well-known/jwks.json</c>: the public keys that verify this gateway's tokens.</summary>
public sealed record JsonWebKeySetResponse([property: JsonPropertyName("keys")] IReadOnlyList<PublicJsonWebKey> Keys)
{
    public static JsonWebKeySetResponse From(JwtSigningKey keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return new([.. keys.PublicKeys.Select(key => PublicJsonWebKey.From(key, keys.Algorithm))]);
    }
}
