using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Tests;

/// <summary>A throwaway certificate authority and a member certificate it signed, as files in a temporary directory.</summary>
public sealed class TestCertificates : IDisposable
{
    public const string Password = "test-only";

    private readonly string _directory = Directory.CreateTempSubdirectory("messaging-tls-").FullName;

    public TestCertificates(string name)
    {
        var now = DateTimeOffset.UtcNow;
        using var authorityKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var authorityRequest = new CertificateRequest($"CN={name} CA", authorityKey, HashAlgorithmName.SHA256);
        authorityRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        authorityRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var authority = authorityRequest.CreateSelfSigned(now.AddDays(-1), now.AddDays(1));

        using var memberKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var memberRequest = new CertificateRequest($"CN={name} member", memberKey, HashAlgorithmName.SHA256);
        memberRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        memberRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        memberRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
            [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        using var member = memberRequest.Create(authority, now.AddHours(-1), now.AddHours(12), RandomNumberGenerator.GetBytes(8));
        using var memberWithKey = member.CopyWithPrivateKey(memberKey);

        AuthorityPath = Path.Combine(_directory, "ca.pem");
        MemberPath = Path.Combine(_directory, "member.pfx");
        File.WriteAllText(AuthorityPath, authority.ExportCertificatePem());
        File.WriteAllBytes(MemberPath, memberWithKey.Export(X509ContentType.Pfx, Password));
    }

    public string AuthorityPath { get; }

    public string MemberPath { get; }

    /// <summary>The Transport__* settings of a member holding this certificate.</summary>
    public Dictionary<string, string> Settings() => new()
    {
        ["Transport__CertificatePath"] = MemberPath,
        ["Transport__CertificatePassword"] = Password,
        ["Transport__CaCertificatePath"] = AuthorityPath,
    };

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
