using System.Security.Cryptography;
using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Unit;

public class SigningKeyTests
{
    private static IReadOnlyList<string> Failures(string environment, JwtOptions options) =>
        new JwtOptionsValidator(new HostingEnvironment { EnvironmentName = environment }).Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void OutsideDevelopmentAMissingKeyFailsNamingTheSetting()
    {
        var failure = Assert.Single(Failures(Environments.Production, new JwtOptions()));
        Assert.Contains("Jwt:SigningKey", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void InDevelopmentAMissingKeyIsFine() => Assert.Empty(Failures(Environments.Development, new JwtOptions()));

    [Fact]
    public void AShortSecretFails()
    {
        var failure = Assert.Single(Failures(Environments.Production, new JwtOptions { SigningKey = new string('k', 31) }));
        Assert.Contains("at least 32 bytes", failure, StringComparison.Ordinal);
        Assert.Empty(Failures(Environments.Production, new JwtOptions { SigningKey = new string('k', 32) }));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public void AsymmetricAlgorithmsNeedAPemPrivateKey(string algorithm)
    {
        Assert.Single(Failures(Environments.Production, new JwtOptions { Algorithm = algorithm, SigningKey = new string('k', 64) }));
        Assert.Single(Failures(Environments.Production, new JwtOptions { Algorithm = algorithm, SigningKey = PublicPem(algorithm) }));
        Assert.Empty(Failures(Environments.Production, new JwtOptions { Algorithm = algorithm, SigningKey = SigningKeys.Generate(algorithm) }));
    }

    [Fact]
    public void UnknownAlgorithmsFail()
    {
        var failure = Assert.Single(Failures(Environments.Production, new JwtOptions { Algorithm = "none", SigningKey = new string('k', 64) }));
        Assert.Contains("Jwt:Algorithm", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDevelopmentKeyIsCreatedOnceAndOnlyItsOwnerMayReadIt()
    {
        var directory = Path.Combine(Path.GetTempPath(), $"gateway-key-{Guid.NewGuid():N}");
        try
        {
            var path = DevelopmentKeyFile.PathFor(directory, "HS256");
            var first = DevelopmentKeyFile.ReadOrCreate(path, "HS256");
            var second = DevelopmentKeyFile.ReadOrCreate(path, "HS256");
            Assert.Equal(first, second);
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(first) >= SigningKeys.MinimumSecretBytes);
            if (!OperatingSystem.IsWindows())
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void AKeyFileIsReadAndCannotBeCombinedWithAnInlineKey()
    {
        var file = TemporaryFile(SigningKeys.Generate("RS256"));
        try
        {
            Assert.Empty(Failures(Environments.Production, new JwtOptions { Algorithm = "RS256", SigningKeyFile = file }));
            var both = Assert.Single(Failures(
                Environments.Production, new JwtOptions { Algorithm = "RS256", SigningKeyFile = file, SigningKey = SigningKeys.Generate("RS256") }));
            Assert.Contains("Jwt:SigningKeyFile", both, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void AMissingKeyFileFailsNamingTheSettingEvenInDevelopment()
    {
        var failure = Assert.Single(Failures(Environments.Development, new JwtOptions { SigningKeyFile = "/nonexistent/jwt.key" }));
        Assert.Contains("Jwt:SigningKeyFile", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void ASecretFileMayEndWithALineBreak()
    {
        var secret = SigningKeys.Generate("HS256");
        var file = TemporaryFile(secret + "\n");
        try
        {
            var fromFile = Ring(new JwtOptions { SigningKeyFile = file });
            var inline = Ring(new JwtOptions { SigningKey = secret });
            Assert.Equal(inline.KeyId, fromFile.KeyId);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public void RsaKeysBelow2048BitsFail()
    {
        using var rsa = RSA.Create(1024);
        var failure = Assert.Single(Failures(Environments.Production, new JwtOptions { Algorithm = "RS256", SigningKey = rsa.ExportPkcs8PrivateKeyPem() }));
        Assert.Contains("2048", failure, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public void PreviousKeysMayBePublicKeysOfTheSameAlgorithmOnly(string algorithm)
    {
        var other = algorithm == "RS256" ? "ES256" : "RS256";
        var options = new JwtOptions
        {
            Algorithm = algorithm,
            SigningKey = SigningKeys.Generate(algorithm),
            PreviousKeys = [new() { Key = PublicPem(algorithm) }],
        };
        Assert.Empty(Failures(Environments.Production, options));

        options.PreviousKeys.Add(new() { Key = PublicPem(other) });
        var failure = Assert.Single(Failures(Environments.Production, options));
        Assert.Contains("Jwt:PreviousKeys:1:Key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void APreviousKeyNeedsKeyMaterial()
    {
        var options = new JwtOptions { SigningKey = SigningKeys.Generate("HS256"), PreviousKeys = [new() { KeyId = "old" }] };
        var failure = Assert.Single(Failures(Environments.Production, options));
        Assert.Contains("Jwt:PreviousKeys:0:Key", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void KeyIdsMustNameOneKeyEach()
    {
        var secret = SigningKeys.Generate("HS256");
        var sameKeyTwice = new JwtOptions { SigningKey = secret, PreviousKeys = [new() { Key = secret }] };
        Assert.Contains("Jwt:KeyId", Assert.Single(Failures(Environments.Production, sameKeyTwice)), StringComparison.Ordinal);

        var sameId = new JwtOptions
        {
            SigningKey = secret,
            KeyId = "2026-11",
            PreviousKeys = [new() { Key = SigningKeys.Generate("HS256"), KeyId = "2026-11" }],
        };
        Assert.Single(Failures(Environments.Production, sameId));
        Assert.Throws<InvalidOperationException>(() => Ring(sameId));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public void TheKeyIdIsTheJwkThumbprintUnlessConfigured(string algorithm)
    {
        var material = SigningKeys.Generate(algorithm);
        var ring = Ring(new JwtOptions { Algorithm = algorithm, SigningKey = material });

        // Computed independently of the gateway: RFC 7638 over the key's required public members.
        var jwk = algorithm switch
        {
            "HS256" => new JsonWebKey { Kty = "oct", K = Base64UrlEncoder.Encode(System.Text.Encoding.UTF8.GetBytes(material)) },
            "RS256" => RsaJwk(material),
            _ => EcJwk(material),
        };
        Assert.Equal(Base64UrlEncoder.Encode(jwk.ComputeJwkThumbprint()), ring.KeyId);
        Assert.Equal("2026-11", Ring(new JwtOptions { Algorithm = algorithm, SigningKey = material, KeyId = "2026-11" }).KeyId);
    }

    [Fact]
    public void OnlyAsymmetricKeysHavePublicParts()
    {
        Assert.Empty(Ring(new JwtOptions { SigningKey = SigningKeys.Generate("HS256") }).PublicKeys);
        var ring = Ring(new JwtOptions
        {
            Algorithm = "ES256",
            SigningKey = SigningKeys.Generate("ES256"),
            PreviousKeys = [new() { Key = SigningKeys.Generate("ES256"), KeyId = "old" }],
        });
        Assert.Equal([ring.KeyId, "old"], ring.PublicKeys.Select(key => key.KeyId));
        Assert.All(ring.PublicKeys, key => Assert.Null(SigningKeys.ToJsonWebKey(key).D));
        Assert.NotNull(SigningKeys.ToJsonWebKey(ring.Key).D);
    }

    internal static JwtSigningKey Ring(JwtOptions options) =>
        new(Options.Create(options), Options.Create(new MessagingOptions()), new HostingEnvironment { EnvironmentName = Environments.Production });

    internal static string PublicPem(string algorithm)
    {
        if (algorithm == "RS256")
        {
            using var rsa = RSA.Create(2048);
            return rsa.ExportSubjectPublicKeyInfoPem();
        }

        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return ecdsa.ExportSubjectPublicKeyInfoPem();
    }

    private static JsonWebKey RsaJwk(string pem)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey { Kty = "RSA", N = Base64UrlEncoder.Encode(parameters.Modulus), E = Base64UrlEncoder.Encode(parameters.Exponent) };
    }

    private static JsonWebKey EcJwk(string pem)
    {
        using var ecdsa = ECDsa.Create();
        ecdsa.ImportFromPem(pem);
        var parameters = ecdsa.ExportParameters(includePrivateParameters: false);
        return new JsonWebKey { Kty = "EC", Crv = "P-256", X = Base64UrlEncoder.Encode(parameters.Q.X), Y = Base64UrlEncoder.Encode(parameters.Q.Y) };
    }

    private static string TemporaryFile(string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"gateway-key-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, content);
        return path;
    }
}
