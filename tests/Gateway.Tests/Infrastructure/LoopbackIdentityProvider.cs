using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// An OpenID Connect provider as a resource server sees one, on a loopback port: per realm, a discovery document
/// (<c>{issuer}/.well-known/openid-configuration</c>) and a JWKS with an RSA and a P-256 key generated at start.
/// It signs access tokens the way Keycloak, Auth0 or Okta would, and more keys can be published later (rotation).
/// </summary>
public sealed class LoopbackIdentityProvider : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Task _serving;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<AsymmetricSecurityKey>> _realms = new(StringComparer.Ordinal);

    public LoopbackIdentityProvider(params string[] realms)
    {
        (_listener, BaseAddress) = Listen();
        foreach (var realm in realms)
        {
            var keys = new ConcurrentQueue<AsymmetricSecurityKey>();
            keys.Enqueue(new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"{realm}-rsa-1" });
            keys.Enqueue(new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = $"{realm}-ec-1" });
            _realms[realm] = keys;
        }

        _serving = Task.Run(ServeAsync);
    }

    /// <summary>http://127.0.0.1:PORT/</summary>
    public string BaseAddress { get; }

    /// <summary>How many times each realm's JWKS was fetched.</summary>
    public ConcurrentDictionary<string, int> KeySetFetches { get; } = new(StringComparer.Ordinal);

    public string Issuer(string realm) => $"{BaseAddress}realms/{realm}";

    /// <summary>The realm's first key of the algorithm's type (RS256: RSA, ES256: P-256), with its kid.</summary>
    public SigningCredentials Credentials(string realm, string algorithm) =>
        new(_realms[realm].First(key => algorithm == SecurityAlgorithms.RsaSha256 ? key is RsaSecurityKey : key is ECDsaSecurityKey), algorithm);

    /// <summary>Publishes a new RSA key in the realm's JWKS and returns credentials that sign with it.</summary>
    public SigningCredentials AddRsaKey(string realm, string keyId)
    {
        var key = new RsaSecurityKey(RSA.Create(2048)) { KeyId = keyId };
        _realms[realm].Enqueue(key);
        return new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
    }

    /// <summary>An access token of the realm: <c>iss</c>, <c>aud</c>, <c>sub</c> and the given claims, signed with <paramref name="credentials"/>.</summary>
    public static string Sign(
        SigningCredentials credentials,
        string issuer,
        string audience,
        string? subject,
        IReadOnlyDictionary<string, object>? claims = null,
        DateTime? issuedAt = null,
        TimeSpan? lifetime = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        var payload = new Dictionary<string, object>(claims ?? new Dictionary<string, object>());
        if (subject is not null)
        {
            payload["sub"] = subject;
        }

        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(5)),
            Claims = payload,
            SigningCredentials = credentials,
        });
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        await _serving;
        _listener.Close();
    }

    private static (HttpListener Listener, string BaseAddress) Listen()
    {
        for (var attempt = 0; ; attempt++)
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            var address = $"http://127.0.0.1:{port}/";
            var listener = new HttpListener();
            listener.Prefixes.Add(address);
            try
            {
                listener.Start();
                return (listener, address);
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                listener.Close();
            }
        }
    }

    private async Task ServeAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception exception) when (exception is HttpListenerException or ObjectDisposedException && !_listener.IsListening)
            {
                return;
            }

            var (status, body) = Answer(context.Request.Url!.AbsolutePath);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(body));
            context.Response.Close();
        }
    }

    private (int Status, object Body) Answer(string path)
    {
        var segments = path.Trim('/').Split('/');
        if (segments.Length < 3 || segments[0] != "realms" || !_realms.TryGetValue(segments[1], out var keys))
        {
            return (404, new { error = "not_found" });
        }

        var realm = segments[1];
        var rest = string.Join('/', segments[2..]);
        switch (rest)
        {
            case ".well-known/openid-configuration":
                return (200, new Dictionary<string, object>
                {
                    ["issuer"] = Issuer(realm),
                    ["jwks_uri"] = $"{Issuer(realm)}/protocol/openid-connect/certs",
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
                });
            case "protocol/openid-connect/certs":
                KeySetFetches.AddOrUpdate(realm, 1, (_, count) => count + 1);
                return (200, new { keys = keys.Select(PublicJwk).ToList() });
            default:
                return (404, new { error = "not_found" });
        }
    }

    private static Dictionary<string, string> PublicJwk(AsymmetricSecurityKey key)
    {
        if (key is RsaSecurityKey rsa)
        {
            var parameters = rsa.Rsa.ExportParameters(includePrivateParameters: false);
            return new()
            {
                ["kty"] = "RSA",
                ["kid"] = key.KeyId,
                ["use"] = "sig",
                ["alg"] = "RS256",
                ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
            };
        }

        var ec = ((ECDsaSecurityKey)key).ECDsa.ExportParameters(includePrivateParameters: false);
        return new()
        {
            ["kty"] = "EC",
            ["kid"] = key.KeyId,
            ["use"] = "sig",
            ["alg"] = "ES256",
            ["crv"] = "P-256",
            ["x"] = Base64UrlEncoder.Encode(ec.Q.X),
            ["y"] = Base64UrlEncoder.Encode(ec.Q.Y),
        };
    }
}
