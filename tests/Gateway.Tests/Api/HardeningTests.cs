using System.Net;
using Gateway.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Gateway.Tests.Api;

/// <summary>Browser protections of the default gateway: security headers on every response, HSTS over HTTPS, CORS closed.</summary>
[Collection(GatewayCollection.Name)]
public class HardeningTests(GatewayFactory factory)
{
    private const string Origin = "https://app.example.com";

    public static TheoryData<string, int> Responses() => new()
    {
        { "/api/users/me/", 200 },
        { "/api/conversations/", 401 },
        { "/api/no-such-route/", 404 },
        { "/.well-known/jwks.json", 404 },
        { "/health/live", 200 },
        { "/openapi/v1.json", 200 },
    };

    [Theory]
    [MemberData(nameof(Responses))]
    public async Task EveryResponseCarriesTheSecurityHeadersAndIsNotCached(string path, int status)
    {
        var user = await factory.RegisterAsync("headers");
        using var client = path == "/api/users/me/" ? factory.CreateClient(user) : factory.CreateClient();
        using var response = await client.GetAsync(path);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("frame-ancestors 'none'", Header(response, "Content-Security-Policy"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.True(response.Headers.CacheControl?.NoStore, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Fact]
    public async Task HstsIsSentOverHttpsOnly()
    {
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://messaging.example.com/") });
        using var secure = await https.GetAsync("/health/live");
        Assert.Equal("max-age=31536000", Header(secure, "Strict-Transport-Security"));

        using var http = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://messaging.example.com/") });
        using var plain = await http.GetAsync("/health/live");
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task WithoutConfiguredOriginsNoCrossOriginAccessIsGranted()
    {
        var user = await factory.RegisterAsync("cors");
        using var client = factory.CreateClient(user);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me/");
        request.Headers.Add("Origin", Origin);
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));

        using var preflight = await client.SendAsync(Preflight("/api/conversations/", Origin));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Methods"));
    }

    /// <summary>What a browser sends before a cross-origin POST with a bearer token and a JSON body.</summary>
    public static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization, content-type");
        return request;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : null;
}
