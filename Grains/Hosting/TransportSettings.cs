namespace Grains.Hosting;

/// <summary>
/// Security of the connections between silos, and between gateways and silos, bound from the "Transport"
/// section by both. Without a certificate they are plain TCP: keep the silo and gateway ports on a private
/// network. With one, every connection is mutual TLS (Microsoft.Orleans.Connections.Security): each side
/// shows its certificate, and each accepts only certificates that chain to <see cref="CaCertificatePath"/>.
/// </summary>
public sealed class TransportSettings
{
    public const string SectionName = "Transport";

    /// <summary>This member's certificate with its private key: a PKCS#12 file (.pfx/.p12) or a PEM file.</summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PKCS#12 password, or the PEM private key file when the key is not in <see cref="CertificatePath"/>.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>The cluster's certificate authority (PEM or DER): peers' certificates must chain to it.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>How long a TLS handshake may take.</summary>
    public TimeSpan HandshakeTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether connections use mutual TLS.</summary>
    public bool TlsEnabled => !string.IsNullOrEmpty(CertificatePath);
}
