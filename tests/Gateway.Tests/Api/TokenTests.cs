using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class TokenTests(GatewayFactory factory)
{
    private async Task<TokenPair> LoginAsync(string username, string password = GatewayFactory.Password)
    {
        using var client = factory.CreateClient();
        return await ApiAssert.OkAsync<TokenPair>(await client.PostAsJsonAsync("/api/token/", new { username, password }));
    }

    private async Task<HttpResponseMessage> RefreshAsync(string refresh)
    {
        using var client = factory.CreateClient();
        return await client.PostAsJsonAsync("/api/token/refresh/", new { refresh });
    }

    private async Task<HttpResponseMessage> MeAsync(string access)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        return await client.GetAsync("/api/users/me/");
    }

    [Fact]
    public async Task LoginIssuesAnAccessTokenWithTheContractClaims()
    {
        var alice = await factory.RegisterAsync("alice");
        var pair = await LoginAsync(alice.Username);

        var access = new JsonWebToken(pair.Access);
        Assert.Equal("HS256", access.Alg);
        Assert.Equal(alice.Id.ToString(), access.Subject);
        Assert.Equal(alice.Username, access.GetClaim("username").Value);
        Assert.Equal("user", access.GetClaim("role").Value);
        Assert.Equal("access", access.GetClaim("token_type").Value);
        Assert.Equal(GatewayFactory.Issuer, access.Issuer);
        Assert.Equal([GatewayFactory.Audience], access.Audiences);
        Assert.False(string.IsNullOrEmpty(access.Id));
        Assert.Equal(TimeSpan.FromMinutes(15), access.ValidTo - access.IssuedAt);

        var refresh = new JsonWebToken(pair.Refresh);
        Assert.Equal("refresh", refresh.GetClaim("token_type").Value);
        Assert.InRange(refresh.ValidTo - refresh.IssuedAt, TimeSpan.FromDays(7) - TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));

        var me = await ApiAssert.OkAsync<UserView>(await MeAsync(pair.Access));
        Assert.Equal(alice.Id, me.UserId);
    }

    [Fact]
    public async Task AnEmailWorksAsTheUsername()
    {
        var alice = await factory.RegisterAsync("alice");
        var pair = await LoginAsync(alice.Email.ToUpperInvariant());
        Assert.Equal(alice.Id.ToString(), new JsonWebToken(pair.Access).Subject);
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUserGetTheSameAnswer()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient();

        var wrong = await ApiAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = "wrong-password" }), HttpStatusCode.Unauthorized);
        var unknown = await ApiAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/token/", new { username = "nobody-" + Guid.NewGuid(), password = "whatever1" }), HttpStatusCode.Unauthorized);

        Assert.Equal("Invalid credentials", wrong.Detail);
        Assert.Equal(wrong, unknown);
        await ApiAssert.ValidationAsync(await client.PostAsJsonAsync("/api/token/", new { username = alice.Username }), "password");
    }

    [Fact]
    public async Task TheUserGrainsLockoutIsA429WithRetryAfter()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 5 && last?.StatusCode != HttpStatusCode.TooManyRequests; i++)
        {
            last = await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = "wrong-password" });
        }

        await ApiAssert.TooManyRequestsAsync(last!);
        await ApiAssert.TooManyRequestsAsync(await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = alice.Password }));
    }

    [Fact]
    public async Task RefreshRotatesAndTheOldTokenStopsWorking()
    {
        var alice = await factory.RegisterAsync("alice");
        var first = await LoginAsync(alice.Username);

        var second = await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(first.Refresh));
        Assert.NotEqual(first.Refresh, second.Refresh);
        await ApiAssert.OkAsync<UserView>(await MeAsync(second.Access));

        await ApiAssert.ProblemAsync(await RefreshAsync(first.Refresh), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task ReusingARotatedRefreshTokenRevokesItsFamilyOnly()
    {
        var alice = await factory.RegisterAsync("alice");
        var login = await LoginAsync(alice.Username);
        var otherLogin = await LoginAsync(alice.Username);
        var rotated = await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(login.Refresh));

        await ApiAssert.ProblemAsync(await RefreshAsync(login.Refresh), HttpStatusCode.Unauthorized);

        // The reuse revoked the family: its newest token is dead too, but its access token lives on.
        await ApiAssert.ProblemAsync(await RefreshAsync(rotated.Refresh), HttpStatusCode.Unauthorized);
        await ApiAssert.OkAsync<UserView>(await MeAsync(rotated.Access));

        // Another login of the same user is untouched.
        await ApiAssert.OkAsync<TokenPair>(await RefreshAsync(otherLogin.Refresh));
    }

    [Fact]
    public async Task BlacklistLogsOut()
    {
        var alice = await factory.RegisterAsync("alice");
        var pair = await LoginAsync(alice.Username);
        using var client = factory.CreateClient();

        using var response = await client.PostAsJsonAsync("/api/token/blacklist/", new { refresh = pair.Refresh });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{}", await response.Content.ReadAsStringAsync());

        await ApiAssert.ProblemAsync(await RefreshAsync(pair.Refresh), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/blacklist/", new { refresh = pair.Refresh }), HttpStatusCode.Unauthorized);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("a.b.c")]
    public async Task GarbageRefreshOrBlacklistIsUnauthorized(string token)
    {
        using var client = factory.CreateClient();
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/refresh/", new { refresh = token }), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/blacklist/", new { refresh = token }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAccessTokenIsNotARefreshTokenNorTheOtherWayRound()
    {
        var alice = await factory.RegisterAsync("alice");
        var pair = await LoginAsync(alice.Username);
        using var client = factory.CreateClient();

        await ApiAssert.ProblemAsync(await RefreshAsync(pair.Access), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/blacklist/", new { refresh = pair.Access }), HttpStatusCode.Unauthorized);
        await ApiAssert.UnauthorizedAsync(await MeAsync(pair.Refresh));
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/verify/", new { token = pair.Refresh }), HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task VerifyAcceptsOnlyValidAccessTokens()
    {
        var alice = await factory.RegisterAsync("alice");
        var pair = await LoginAsync(alice.Username);
        using var client = factory.CreateClient();

        using var valid = await client.PostAsJsonAsync("/api/token/verify/", new { token = pair.Access });
        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal("{}", await valid.Content.ReadAsStringAsync());

        var expired = factory.Tokens.Sign(TestTokens.AccessClaims(alice), issuedAt: DateTime.UtcNow.AddHours(-1));
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/verify/", new { token = expired }), HttpStatusCode.Unauthorized);
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/token/verify/", new { token = "garbage" }), HttpStatusCode.Unauthorized);
        await ApiAssert.ValidationAsync(await client.PostAsJsonAsync("/api/token/verify/", new { }), "token");
    }

    [Fact]
    public async Task ASharedSecretIsNeverPublished()
    {
        using var client = factory.CreateClient();
        await ApiAssert.ProblemAsync(await client.GetAsync("/.well-known/jwks.json"), HttpStatusCode.NotFound);
    }
}
