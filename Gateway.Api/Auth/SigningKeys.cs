using System.Security.Cryptography;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>Turns configured key material into a signing key, and generates development keys.</summary>
internal static class SigningKeys
{
    public const int MinimumSecretBytes = 32;

    public static readonly IReadOnlyList<string> Algorithms =
        [SecurityAlgorithms.HmacSha256, SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    /// <summary>The key for <paramref name="algorithm"/>, or an error naming what is wrong with the material.</summary>
    public static SecurityKey? TryCreate(string algorithm, string material, out string? error)
    {
        error = null;
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

                    error = $"Jwt:SigningKey must be at least {MinimumSecretBytes} bytes for HS256.";
                    return null;
                case SecurityAlgorithms.RsaSha256:
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(material);
                    _ = rsa.ExportParameters(includePrivateParameters: true); // a public key imports too, but cannot sign: this throws
                    return new RsaSecurityKey(rsa);
                case SecurityAlgorithms.EcdsaSha256:
                    var ecdsa = ECDsa.Create();
                    ecdsa.ImportFromPem(material);
                    _ = ecdsa.ExportParameters(includePrivateParameters: true); // as above
                    if (ecdsa.KeySize == 256)
                    {
                        return new ECDsaSecurityKey(ecdsa);
                    }

                    error = "Jwt:SigningKey must be a P-256 private key for ES256.";
                    return null;
                default:
                    error = $"Jwt:Algorithm must be one of {string.Join(", ", Algorithms)}.";
                    return null;
            }
        }
        catch (Exception exception) when (exception is ArgumentException or CryptographicException)
        {
            error = $"Jwt:SigningKey must be a PEM private key for {algorithm}.";
            return null;
        }
    }

    /// <summary>Fresh random key material for <paramref name="algorithm"/>: a secret for HS256, a PEM private key otherwise.</summary>
    public static string Generate(string algorithm)
    {
        switch (algorithm)
        {
            case SecurityAlgorithms.RsaSha256:
                using (var rsa = RSA.Create(2048))
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
}
