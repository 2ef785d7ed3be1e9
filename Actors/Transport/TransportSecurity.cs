using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Actors.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Transport;

/// <summary>
/// Mutual TLS for grain connections when configured: both sides present a certificate, and a peer is
/// accepted only if its certificate chains to the cluster's CA. Silos are reached by address, so the
/// host name is not checked; the CA is what vouches for a member.
/// </summary>
internal sealed class TransportSecurity
{
    private readonly TransportOptions _options;
    private readonly X509Certificate2? _certificate;
    private readonly X509Certificate2? _authority;

    public TransportSecurity(IOptions<TransportOptions> options)
    {
        _options = options.Value;
        if (!_options.TlsEnabled)
        {
            return;
        }

        _certificate = LoadCertificate(_options.CertificatePath!, _options.CertificatePassword);
        _authority = X509CertificateLoader.LoadCertificateFromFile(
            _options.CaCertificatePath ?? throw new InvalidOperationException("Transport:CaCertificatePath is required with Transport:CertificatePath."));
    }

    public bool Enabled => _options.TlsEnabled;

    public Task<Stream> AuthenticateAsClientAsync(Stream inner, string host, CancellationToken cancellationToken) =>
        HandshakeAsync(
            inner,
            (tls, token) => tls.AuthenticateAsClientAsync(
                new SslClientAuthenticationOptions
                {
                    TargetHost = host,
                    ClientCertificates = [_certificate!],
                    EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
                },
                token),
            cancellationToken);

    public Task<Stream> AuthenticateAsServerAsync(Stream inner, CancellationToken cancellationToken) =>
        HandshakeAsync(
            inner,
            (tls, token) => tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = _certificate,
                    ClientCertificateRequired = true,
                    EnabledSslProtocols = SslProtocols.Tls13 | SslProtocols.Tls12,
                },
                token),
            cancellationToken);

    /// <summary>Runs one side's handshake within the timeout; the TLS stream is disposed if it fails.</summary>
    private async Task<Stream> HandshakeAsync(Stream inner, Func<SslStream, CancellationToken, Task> handshake, CancellationToken cancellationToken)
    {
        var tls = new SslStream(inner, leaveInnerStreamOpen: false, ValidatePeer);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.HandshakeTimeout);
            await handshake(tls, timeout.Token).ConfigureAwait(false);
            return tls;
        }
        catch
        {
            await tls.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    private static X509Certificate2 LoadCertificate(string path, string? password)
    {
        if (path.EndsWith(".pem", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".crt", StringComparison.OrdinalIgnoreCase))
        {
            return X509Certificate2.CreateFromPemFile(path, password);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(path, password);
    }

    private bool ValidatePeer(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        using var peer = new X509Certificate2(certificate);
        using var trust = new X509Chain();
        trust.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        trust.ChainPolicy.CustomTrustStore.Add(_authority!);
        trust.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        trust.ChainPolicy.VerificationFlags = X509VerificationFlags.NoFlag;
        return trust.Build(peer);
    }
}
