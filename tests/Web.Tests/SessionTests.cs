using Microsoft.Playwright;
using Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests;

/// <summary>Logging in and out in a real browser, and where the tokens are (and are not) kept.</summary>
[Collection(WebCollection.Name)]
public class SessionTests(WebFixture fixture)
{
    [Fact]
    public async Task AReloadKeepsTheSessionAndTheOpenConversation()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var alice = await fixture.NewPersonAsync("alice", nameof(AReloadKeepsTheSessionAndTheOpenConversation));
        var bob = ApiSeeder.UniqueName("bob");
        await seeder.RegisterAsync(bob);
        await alice.RegisterAsync();
        await alice.StartConversationWithAsync(bob);
        await alice.SendAsync("still here after a reload?");
        await Expect(alice.Message("still here after a reload?")).ToBeVisibleAsync();

        await alice.Page.ReloadAsync();

        await Expect(alice.SignedInName).ToHaveTextAsync(alice.Username);
        await Expect(alice.Conversation(bob)).ToBeVisibleAsync();
        await Expect(alice.OpenConversationTitle).ToHaveTextAsync(bob);
        await Expect(alice.Message("still here after a reload?")).ToBeVisibleAsync();
        await Expect(alice.LoginHeading).ToHaveCountAsync(0);
        await alice.ScreenshotAsync("after-reload");
        Assert.Empty(alice.Errors);
    }

    [Fact]
    public async Task NoTokenIsKeptInStorageOrInAScriptReadableCookie()
    {
        await using var alice = await fixture.NewPersonAsync("alice", nameof(NoTokenIsKeptInStorageOrInAScriptReadableCookie));
        await alice.RegisterAsync();
        await alice.Page.ReloadAsync();
        await Expect(alice.SignedInName).ToHaveTextAsync(alice.Username);

        Assert.Equal(0, await alice.Page.EvaluateAsync<int>("() => localStorage.length + sessionStorage.length"));
        Assert.Equal(string.Empty, await alice.Page.EvaluateAsync<string>("() => document.cookie"));
        Assert.DoesNotContain("eyJ", alice.Page.Url, StringComparison.Ordinal);

        var cookie = Assert.Single(await alice.Context.CookiesAsync());
        Assert.Equal("messaging_refresh", cookie.Name);
        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
        Assert.Equal("/api/session", cookie.Path);
    }

    [Fact]
    public async Task LoggingOutEndsTheSessionForGood()
    {
        await using var alice = await fixture.NewPersonAsync("alice", nameof(LoggingOutEndsTheSessionForGood));
        await alice.RegisterAsync();

        await alice.Page.GetByRole(AriaRole.Button, new() { Name = "Log out" }).ClickAsync();
        await Expect(alice.LoginHeading).ToBeVisibleAsync();
        await alice.Page.ReloadAsync();
        await Expect(alice.LoginHeading).ToBeVisibleAsync();
        Assert.Empty(await alice.Context.CookiesAsync());

        await alice.LoginAsync();
        await Expect(alice.Page.GetByText("No conversations yet")).ToBeVisibleAsync();
        await alice.ScreenshotAsync("empty-list");
    }

    [Fact]
    public async Task AWrongPasswordIsExplainedPolitely()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var alice = await fixture.NewPersonAsync("alice", nameof(AWrongPasswordIsExplainedPolitely));
        await seeder.RegisterAsync(alice.Username);

        await alice.LoginAsync(password: "not-the-password");

        await Expect(alice.Page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("Wrong username or password.");
        await Expect(alice.SignedInName).ToHaveCountAsync(0);
        await alice.ScreenshotAsync("wrong-password");
    }
}
