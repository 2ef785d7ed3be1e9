using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

/// <summary>Every way a bearer token can be wrong gets a 401 with <c>WWW-Authenticate: Bearer</c> and a problem body.</summary>
[Collection(GatewayCollection.Name)]
public class HostileTokenTests(GatewayFactory factory)
{
    private static readonly TestUser Someone = new(Guid.NewGuid(), "someone", "someone@example.com", "unused-password");

    public static TheoryData<string> Kinds() =>
    [
        "alg none", "wrong key", "expired", "wrong issuer", "wrong audience", "garbage", "refresh token",
        "no token type", "subject not a uuid", "empty", "not bearer",
    ];

    private string TokenOf(string kind)
    {
        var tokens = factory.Tokens;
        var claims = TestTokens.AccessClaims(Someone);
        return kind switch
        {
            "alg none" => tokens.Unsigned(claims),
            "wrong key" => tokens.Sign(claims, key: "another-key-of-at-least-thirty-two-bytes!"),
            "expired" => tokens.Sign(claims, issuedAt: DateTime.UtcNow.AddMinutes(-20)),
            "wrong issuer" => tokens.Sign(claims, issuer1: "someone-else"),
            "wrong audience" => tokens.Sign(claims, audience1: "another-api"),
            "garbage" => "this-is-not-a-jwt",
            "refresh token" => tokens.Sign(new Dictionary<string, object>(claims) { ["token_type"] = "refresh", ["fid"] = Guid.NewGuid().ToString() }),
            "no token type" => tokens.Sign(new Dictionary<string, object>(claims.Where(claim => claim.Key != "token_type"))),
            "subject not a uuid" => tokens.Sign(new Dictionary<string, object>(claims) { ["sub"] = "42" }),
            _ => string.Empty,
        };
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ABadTokenIsUnauthorized(string kind)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/conversations/");
        var token = TokenOf(kind);
        if (kind == "not bearer")
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        }

        await ApiAssert.UnauthorizedAsync(await client.SendAsync(request));

        using var verify = await client.PostAsync("/api/token/verify/", System.Net.Http.Json.JsonContent.Create(new { token }));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, verify.StatusCode);
    }

    [Fact]
    public async Task NoTokenIsUnauthorized()
    {
        using var client = factory.CreateClient();
        var problem = await ApiAssert.UnauthorizedAsync(await client.GetAsync("/api/users/me/"));
        Assert.Equal("Authentication credentials were not provided.", problem.Detail);
    }

    [Fact]
    public async Task AValidTokenOfTheSameShapeIsAccepted()
    {
        var user = await factory.RegisterAsync();
        using var client = factory.CreateClient(user);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await client.GetAsync("/api/users/me/")).StatusCode);
    }
}
