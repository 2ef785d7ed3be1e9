using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Configuration;
using Orleans.Connections.Security;
using Orleans.Hosting;

namespace Grains.Hosting;

/// <summary>
/// Mutual TLS between members through Microsoft.Orleans.Connections.Security, when "Transport" names a
/// certificate. Members are reached by address, so the host name is not checked: the cluster's CA is what
/// vouches for a member, and a certificate that does not chain to it is refused on either side.
/// </summary>
internal static class TransportSecurity
{
    public static void ConfigureSilo(ISiloBuilder silo, IConfiguration configuration)
    {
        if (Load(configuration) is { } settings)
        {
            silo.UseTls(options => Configure(options, settings));
        }
    }

    public static void ConfigureClient(IClientBuilder client, IConfiguration configuration)
    {
        if (Load(configuration) is { } settings)
        {
            client.UseTls(options => Configure(options, settings));
        }
    }

    private static TransportSettings? Load(IConfiguration configuration)
    {
        var settings = configuration.GetSection(TransportSettings.SectionName).Get<TransportSettings>();
        return settings is { TlsEnabled: true } ? settings : null;
    }

    private static void Configure(TlsOptions options, TransportSettings settings)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(
            settings.CaCertificatePath ?? throw new InvalidOperationException("Transport:CaCertificatePath is required with Transport:CertificatePath."));
        options.LocalCertificate = LoadCertificate(settings.CertificatePath!, settings.CertificatePassword);
        options.RemoteCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.ClientCertificateMode = RemoteCertificateMode.RequireCertificate;
        options.SslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12;
        options.HandshakeTimeout = settings.HandshakeTimeout;
        options.RemoteCertificateValidation = (certificate, _, _) => ChainsTo(authority, certificate);
    }

    private static X509Certificate2 LoadCertificate(string path, string? password) =>
        path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase)
            ? X509Certificate2.CreateFromPemFile(path, password)
            : X509CertificateLoader.LoadPkcs12FromFile(path, password);

    private static bool ChainsTo(X509Certificate2 authority, X509Certificate2? peer)
    {
        if (peer is null)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(peer);
    }
}
