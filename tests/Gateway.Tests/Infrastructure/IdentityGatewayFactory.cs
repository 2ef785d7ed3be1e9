using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway that signs RS256 with a key read from a file (its kid: the key's JWK thumbprint) in the middle of a
/// rotation: tokens of the previous key (given as a public key, kid <see cref="PreviousKeyId"/>) still validate.
/// Every key is generated when the fixture starts.
/// </summary>
public sealed class IdentityGatewayFactory : GatewayFactory
{
    public const string PreviousKeyId = "2026-10";

    private readonly string _keyDirectory;

    public IdentityGatewayFactory()
        : this(RSA.Create(2048))
    {
    }

    private IdentityGatewayFactory(RSA current)
        : base(current.ExportPkcs8PrivateKeyPem(), Credentials(current, kid: null))
    {
        _keyDirectory = Directory.CreateTempSubdirectory("gateway-keys-").FullName;
        SigningKeyFile = Path.Combine(_keyDirectory, "jwt-rs256.pem");
        File.WriteAllText(SigningKeyFile, SigningKey);
        using var previous = RSA.Create(2048);
        PreviousPublicKeyPem = previous.ExportSubjectPublicKeyInfoPem();
        PreviousCredentials = Credentials(RSA.Create(previous.ExportParameters(includePrivateParameters: true)), PreviousKeyId);
    }

    public string SigningKeyFile { get; }

    /// <summary>The key id the gateway gives its current key: computed here from RFC 7638, independently of the gateway.</summary>
    public string CurrentKeyId => Tokens.Credentials.Key.KeyId;

    /// <summary>The public key of the rotation's previous key, as configured in <c>Jwt:PreviousKeys:0:Key</c>.</summary>
    public string PreviousPublicKeyPem { get; }

    /// <summary>The previous key's private key, to sign tokens "issued before the rotation".</summary>
    public SigningCredentials PreviousCredentials { get; }

    protected override IDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>(base.Settings)
            {
                ["Jwt:Algorithm"] = SecurityAlgorithms.RsaSha256,
                ["Jwt:SigningKeyFile"] = SigningKeyFile,
                ["Jwt:PreviousKeys:0:Key"] = PreviousPublicKeyPem,
                ["Jwt:PreviousKeys:0:KeyId"] = PreviousKeyId,
            };
            settings.Remove("Jwt:SigningKey");
            return settings;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Directory.Delete(_keyDirectory, recursive: true);
    }

    private static SigningCredentials Credentials(RSA rsa, string? kid)
    {
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        var thumbprint = new JsonWebKey { Kty = "RSA", N = Base64UrlEncoder.Encode(parameters.Modulus), E = Base64UrlEncoder.Encode(parameters.Exponent) }
            .ComputeJwkThumbprint();
        return new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = kid ?? Base64UrlEncoder.Encode(thumbprint) }, SecurityAlgorithms.RsaSha256);
    }
}
