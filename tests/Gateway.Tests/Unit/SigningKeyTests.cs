using Gateway.Api.Auth;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

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
        var publicKey = algorithm == "RS256"
            ? System.Security.Cryptography.RSA.Create(2048).ExportSubjectPublicKeyInfoPem()
            : System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256).ExportSubjectPublicKeyInfoPem();
        Assert.Single(Failures(Environments.Production, new JwtOptions { Algorithm = algorithm, SigningKey = publicKey }));
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
}
