using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>Turns configured key material into signing and verification keys, names them, and generates development keys.</summary>
internal static class SigningKeys
{
    public const int MinimumSecretBytes = 32;
    public const int MinimumRsaBits = 2048;

    public static readonly IReadOnlyList<string> Algorithms =
        [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>
    /// The key for <paramref name="algorithm"/>, or an error naming <paramref name="setting"/> and what is wrong
    /// with the material. A signing key must hold the private key; a verification key may be a public key only,
    /// and of a private key only the public part is kept.
    /// </summary>
    public static SecurityKey? TryCreate(string algorithm, string material, bool signing, string setting, out string? error)
    {
        error = null;
        var pemKind = signing ? "a PEM private key" : "a PEM public or private key";
        try
        {
            switch (algorithm)
            {
                case SecurityAlgorithms.HmacSha256:
                    var secret = Encoding.UTF8.GetBytes(material);
                    if (secret.Length >= MinimumSecretBytes)
                    {
                        return new SymmetricSecurityKey(secret);
                    }

                    error = $"{setting} must be at least {MinimumSecretBytes} bytes for HS256.";
                    return null;
                case SecurityAlgorithms.RsaSha256:
                    using (var rsa = RSA.Create())
                    {
                        rsa.ImportFromPem(material);
                        if (rsa.KeySize < MinimumRsaBits)
                        {
                            error = $"{setting} must be an RSA key of at least {MinimumRsaBits} bits for RS256.";
                            return null;
                        }

                        // A public key imports too, but cannot sign: exporting private parameters throws.
                        return new RsaSecurityKey(rsa.ExportParameters(includePrivateParameters: signing));
                    }

                case SecurityAlgorithms.EcdsaSha256:
                    using (var ecdsa = ECDsa.Create())
                    {
                        ecdsa.ImportFromPem(material);
                        if (ecdsa.KeySize != 256)
                        {
                            error = $"{setting} must be a P-256 key for ES256.";
                            return null;
                        }

                        return new ECDsaSecurityKey(ECDsa.Create(ecdsa.ExportParameters(includePrivateParameters: signing)));
                    }

                default:
                    error = $"Jwt:Algorithm must be one of {string.Join(", ", Algorithms)}.";
                    return null;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            error = $"{setting} must be {pemKind} for {algorithm}.";
            return null;
        }
    }

    /// <summary>The public part of an asymmetric key (what may be published), with the same <c>kid</c>; null for a secret.</summary>
    public static AsymmetricSecurityKey? PublicPart(SecurityKey key) => key switch
    {
        RsaSecurityKey rsa => new RsaSecurityKey(PublicParameters(rsa)) { KeyId = key.KeyId },
        ECDsaSecurityKey ecdsa => new ECDsaSecurityKey(ECDsa.Create(ecdsa.ECDsa.ExportParameters(includePrivateParameters: false))) { KeyId = key.KeyId },
        _ => null,
    };

    /// <summary>The key's JWK thumbprint (RFC 7638, SHA-256, base64url): a <c>kid</c> that every holder of the key computes alike.</summary>
    public static string Thumbprint(SecurityKey key) => Base64UrlEncoder.Encode(ToJsonWebKey(key).ComputeJwkThumbprint());

    /// <summary>The key as a JWK; for an asymmetric key this holds the private parameters when the key has them.</summary>
    public static JsonWebKey ToJsonWebKey(SecurityKey key) => key switch
    {
        SymmetricSecurityKey symmetric => JsonWebKeyConverter.ConvertFromSymmetricSecurityKey(symmetric),
        RsaSecurityKey rsa => JsonWebKeyConverter.ConvertFromRSASecurityKey(rsa),
        ECDsaSecurityKey ecdsa => JsonWebKeyConverter.ConvertFromECDsaSecurityKey(ecdsa),
        _ => throw new ArgumentException($"Unsupported key type {key.GetType().Name}.", nameof(key)),
    };

    /// <summary>Fresh random key material for <paramref name="algorithm"/>: a secret for HS256, a PEM private key otherwise.</summary>
    public static string Generate(string algorithm)
    {
        switch (algorithm)
        {
            case SecurityAlgorithms.RsaSha256:
                using (var rsa = RSA.Create(MinimumRsaBits))
                {
                    return rsa.ExportPkcs8PrivateKeyPem();
                }

            case SecurityAlgorithms.EcdsaSha256:
                using (var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    return ecdsa.ExportPkcs8PrivateKeyPem();
                }

            default:
                return Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));
        }
    }

    private static RSAParameters PublicParameters(RsaSecurityKey key)
    {
        var parameters = key.Rsa?.ExportParameters(includePrivateParameters: false) ?? key.Parameters;
        return new RSAParameters { Modulus = parameters.Modulus, Exponent = parameters.Exponent };
    }
}
