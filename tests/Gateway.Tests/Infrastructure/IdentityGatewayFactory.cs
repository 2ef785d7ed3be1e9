using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A gateway that signs RS256 with a key read from a file (its kid: the key's JWK thumbprint) in the middle of a
/// rotation: tokens of the previous key (given as a public key, kid <see cref="PreviousKeyId"/>) still validate.
/// It also accepts the access tokens of two realms of a <see cref="LoopbackIdentityProvider"/>, and lets one browser
/// origin call it (CORS). Every key is generated when the fixture starts.
/// </summary>
public sealed class IdentityGatewayFactory : GatewayFactory
{
    public const string PreviousKeyId = "2026-10";

    /// <summary>The realm whose discovery document is found from its issuer.</summary>
    public const string MainRealm = "main";

    /// <summary>The realm configured with an explicit metadata address.</summary>
    public const string PartnerRealm = "partner";

    public const string MainAudience = "messaging-api";

    public const string PartnerAudience = "messaging-partner";

    /// <summary>A configured issuer whose discovery document cannot be read (the provider has no such realm).</summary>
    public const string MissingRealm = "missing";

    /// <summary>The one origin of <c>Cors:AllowedOrigins</c>.</summary>
    public const string AllowedOrigin = "https://app.example.com";

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
        Provider = new LoopbackIdentityProvider(MainRealm, PartnerRealm);
    }

    public LoopbackIdentityProvider Provider { get; }

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
                ["Authentication:ExternalIssuers:0:Issuer"] = Provider.Issuer(MainRealm),
                ["Authentication:ExternalIssuers:0:Audience"] = MainAudience,
                ["Authentication:ExternalIssuers:0:RequireHttpsMetadata"] = "false",
                ["Authentication:ExternalIssuers:1:Issuer"] = Provider.Issuer(PartnerRealm),
                ["Authentication:ExternalIssuers:1:Audience"] = PartnerAudience,
                ["Authentication:ExternalIssuers:1:MetadataAddress"] = $"{Provider.Issuer(PartnerRealm)}/.well-known/openid-configuration",
                ["Authentication:ExternalIssuers:1:RequireHttpsMetadata"] = "false",
                ["Authentication:ExternalIssuers:2:Issuer"] = Provider.Issuer(MissingRealm),
                ["Authentication:ExternalIssuers:2:Audience"] = MainAudience,
                ["Authentication:ExternalIssuers:2:RequireHttpsMetadata"] = "false",
                ["Cors:AllowedOrigins:0"] = AllowedOrigin,
            };
            settings.Remove("Jwt:SigningKey");
            return settings;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Provider.DisposeAsync();
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
