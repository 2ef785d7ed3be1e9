using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Net.Http.Headers;

namespace Gateway.Tests.Api;

/// <summary>The web client's session routes: the refresh token only ever in an HttpOnly, SameSite=Strict cookie.</summary>
[Collection(GatewayCollection.Name)]
public class SessionTests(GatewayFactory factory)
{
    private const string CookieName = "messaging_refresh";

    /// <summary>A client that keeps no cookies of its own, so that each test says which cookie value it presents.</summary>
    private HttpClient CreateClient(string scheme = "http") =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false, BaseAddress = new Uri($"{scheme}://localhost") });

    private static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string path, string? cookie, object body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CookieName}={cookie}");
        }

        return client.SendAsync(request);
    }

    private static SetCookieHeaderValue SessionCookie(HttpResponseMessage response)
    {
        Assert.True(response.Headers.TryGetValues("Set-Cookie", out var values), $"{(int)response.StatusCode} without Set-Cookie");
        var cookies = SetCookieHeaderValue.ParseList([.. values]);
        return Assert.Single(cookies, cookie => cookie.Name == CookieName);
    }

    /// <summary>The body of a successful session answer: exactly one property, the access token.</summary>
    private static async Task<string> AccessOnlyAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"Expected 200, got {(int)response.StatusCode}: {text}");
        using var body = JsonDocument.Parse(text);
        var property = Assert.Single(body.RootElement.EnumerateObject());
        Assert.Equal("access", property.Name);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        return property.Value.GetString()!;
    }

    private async Task<(string Access, string Refresh)> LoginAsync(HttpClient client, TestUser user)
    {
        using var response = await PostJsonAsync(client, "/api/session/", null, new { username = user.Username, password = user.Password });
        var access = await AccessOnlyAsync(response);
        return (access, SessionCookie(response).Value.Value!);
    }

    private async Task<HttpStatusCode> MeAsync(string access)
    {
        using var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        using var response = await client.GetAsync("/api/users/me/");
        return response.StatusCode;
    }

    [Fact]
    public async Task LoginSetsAnHttpOnlyStrictCookieForTheSessionRoutesAndAnswersOnlyTheAccessToken()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        using var response = await PostJsonAsync(client, "/api/session/", null, new { username = alice.Username, password = alice.Password });

        var text = await response.Content.ReadAsStringAsync();
        var access = await AccessOnlyAsync(response);
        var cookie = SessionCookie(response);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, cookie.SameSite);
        Assert.Equal("/api/session", cookie.Path.Value);
        Assert.False(cookie.Secure);
        Assert.InRange(cookie.Expires!.Value, DateTimeOffset.UtcNow.AddDays(7).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(7).AddMinutes(1));
        Assert.DoesNotContain(cookie.Value.Value!, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(access));
    }

    [Fact]
    public async Task OverHttpsTheCookieIsSecure()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient("https");
        using var response = await PostJsonAsync(client, "/api/session/", null, new { username = alice.Username, password = alice.Password });
        await AccessOnlyAsync(response);
        Assert.True(SessionCookie(response).Secure);
    }

    [Fact]
    public async Task RefreshRotatesTheCookieAndGivesANewAccessToken()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (_, first) = await LoginAsync(client, alice);

        using var response = await PostJsonAsync(client, "/api/session/refresh/", first, new { });
        var access = await AccessOnlyAsync(response);
        var rotated = SessionCookie(response);
        Assert.NotEqual(first, rotated.Value.Value);
        Assert.True(rotated.HttpOnly);
        Assert.Equal(Microsoft.Net.Http.Headers.SameSiteMode.Strict, rotated.SameSite);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(access));

        using var again = await PostJsonAsync(client, "/api/session/refresh/", rotated.Value.Value, new { });
        await AccessOnlyAsync(again);
    }

    [Fact]
    public async Task AnOldCookieValueIsRefusedAndRevokesTheLogin()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (_, first) = await LoginAsync(client, alice);
        using var rotation = await PostJsonAsync(client, "/api/session/refresh/", first, new { });
        await AccessOnlyAsync(rotation);
        var current = SessionCookie(rotation).Value.Value;

        using var reuse = await PostJsonAsync(client, "/api/session/refresh/", first, new { });
        await ApiAssert.ProblemAsync(reuse, HttpStatusCode.Unauthorized);
        Assert.True(SessionCookie(reuse).Expires < DateTimeOffset.UtcNow, "a refused cookie is cleared");

        // Reuse revoked the whole login: the value that was current is refused too.
        using var afterReuse = await PostJsonAsync(client, "/api/session/refresh/", current, new { });
        await ApiAssert.ProblemAsync(afterReuse, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task LogoutClearsTheCookieAndRevokesTheLogin()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (_, refresh) = await LoginAsync(client, alice);

        using var logout = await PostJsonAsync(client, "/api/session/logout/", refresh, new { });
        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        var cleared = SessionCookie(logout);
        Assert.Equal(string.Empty, cleared.Value.Value);
        Assert.Equal("/api/session", cleared.Path.Value);
        Assert.True(cleared.Expires < DateTimeOffset.UtcNow, $"expires {cleared.Expires}");

        using var refreshAfter = await PostJsonAsync(client, "/api/session/refresh/", refresh, new { });
        await ApiAssert.ProblemAsync(refreshAfter, HttpStatusCode.Unauthorized);

        // Logging out without a session still clears the cookie.
        using var again = await PostJsonAsync(client, "/api/session/logout/", null, new { });
        Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);
        Assert.Equal(string.Empty, SessionCookie(again).Value.Value);
    }

    [Fact]
    public async Task RefreshWithoutACookieOrWithGarbageIsUnauthorized()
    {
        using var client = CreateClient();
        using var none = await PostJsonAsync(client, "/api/session/refresh/", null, new { });
        await ApiAssert.ProblemAsync(none, HttpStatusCode.Unauthorized);
        using var garbage = await PostJsonAsync(client, "/api/session/refresh/", "not-a-token", new { });
        await ApiAssert.ProblemAsync(garbage, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task AnAccessTokenOrABodyRefreshTokenIsNoSessionCookie()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (access, _) = await LoginAsync(client, alice);
        using var withAccess = await PostJsonAsync(client, "/api/session/refresh/", access, new { });
        await ApiAssert.ProblemAsync(withAccess, HttpStatusCode.Unauthorized);

        using var tokens = await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = alice.Password });
        var pair = await ApiAssert.OkAsync<Gateway.Api.Auth.TokenPair>(tokens);
        using var inBody = await PostJsonAsync(client, "/api/session/refresh/", null, new { refresh = pair.Refresh });
        await ApiAssert.ProblemAsync(inBody, HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task WrongCredentialsGetTheSameAnswerAsTheTokenRoute()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        using var session = await PostJsonAsync(client, "/api/session/", null, new { username = alice.Username, password = "wrong-password" });
        using var token = await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = "wrong-password" });

        var fromSession = await ApiAssert.ProblemAsync(session, HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid credentials", fromSession.Detail);
        Assert.Equal(await ApiAssert.ProblemAsync(token, HttpStatusCode.Unauthorized), fromSession);
        Assert.False(session.Headers.Contains("Set-Cookie"));
        await ApiAssert.ValidationAsync(await PostJsonAsync(client, "/api/session/", null, new { username = alice.Username }), "password");
    }

    [Theory]
    [InlineData("/api/session/refresh/", "text/plain")]
    [InlineData("/api/session/refresh/", "application/x-www-form-urlencoded")]
    [InlineData("/api/session/logout/", "multipart/form-data; boundary=x")]
    [InlineData("/api/session/", "application/x-www-form-urlencoded")]
    public async Task WhatAFormCouldSendCrossSiteIsRefused(string path, string contentType)
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (_, refresh) = await LoginAsync(client, alice);

        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}") };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        request.Headers.Add("Cookie", $"{CookieName}={refresh}");
        using var response = await client.SendAsync(request);
        await ApiAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.False(response.Headers.Contains("Set-Cookie"));

        // Nothing happened to the session: its cookie still refreshes.
        using var refreshed = await PostJsonAsync(client, "/api/session/refresh/", refresh, new { });
        await AccessOnlyAsync(refreshed);
    }

    [Fact]
    public async Task TheSessionIsTheSameUserAsTheTokenRoutesWouldGive()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = CreateClient();
        var (access, _) = await LoginAsync(client, alice);
        using var authorized = CreateClient();
        authorized.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", access);
        var me = await ApiAssert.OkAsync<UserView>(await authorized.GetAsync("/api/users/me/"));
        Assert.Equal(alice.Id, me.UserId);
    }
}
