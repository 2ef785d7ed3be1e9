using System.Net;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

/// <summary>CORS with <c>Cors:AllowedOrigins</c> set: the listed origin may call the API, no other may.</summary>
[Collection(IdentityCollection.Name)]
public class CorsTests(IdentityGatewayFactory factory)
{
    private const string Stranger = "https://evil.example.net";

    [Fact]
    public async Task AnAllowedOriginsPreflightIsAnswered()
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(HardeningTests.Preflight("/api/conversations/", IdentityGatewayFactory.AllowedOrigin));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(IdentityGatewayFactory.AllowedOrigin, HardeningTests.Header(response, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", HardeningTests.Header(response, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        Assert.Contains("authorization", HardeningTests.Header(response, "Access-Control-Allow-Headers"), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("600", HardeningTests.Header(response, "Access-Control-Max-Age"));
        Assert.Null(HardeningTests.Header(response, "Access-Control-Allow-Credentials"));
    }

    [Fact]
    public async Task AnAllowedOriginMayReadResponsesErrorsIncluded()
    {
        var user = await factory.RegisterAsync("cors");
        using var client = factory.CreateClient(user);
        foreach (var (path, status) in new[] { ("/api/users/me/", HttpStatusCode.OK), ($"/api/conversations/{Guid.NewGuid()}/", HttpStatusCode.NotFound) })
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Origin", IdentityGatewayFactory.AllowedOrigin);
            using var response = await client.SendAsync(request);
            Assert.Equal(status, response.StatusCode);
            Assert.Equal(IdentityGatewayFactory.AllowedOrigin, HardeningTests.Header(response, "Access-Control-Allow-Origin"));
            Assert.Contains("WWW-Authenticate", HardeningTests.Header(response, "Access-Control-Expose-Headers"), StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task AnotherOriginGetsNoCrossOriginHeaders()
    {
        using var client = factory.CreateClient();
        using var preflight = await client.SendAsync(HardeningTests.Preflight("/api/conversations/", Stranger));
        Assert.Null(HardeningTests.Header(preflight, "Access-Control-Allow-Origin"));

        using var request = new HttpRequestMessage(HttpMethod.Get, "/health/live");
        request.Headers.Add("Origin", Stranger);
        using var response = await client.SendAsync(request);
        Assert.Null(HardeningTests.Header(response, "Access-Control-Allow-Origin"));
    }
}
