using Microsoft.Playwright;
using Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests;

/// <summary>The page renews its short-lived access token by itself, through the session cookie.</summary>
[Collection(ShortTokenCollection.Name)]
public class TokenRefreshTests(ShortTokenFixture fixture)
{
    [Fact]
    public async Task AnOpenPageOutlivesItsAccessTokenWithoutAskingToLogIn()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var alice = await fixture.NewPersonAsync("alice", nameof(AnOpenPageOutlivesItsAccessTokenWithoutAskingToLogIn));
        var bob = ApiSeeder.UniqueName("bob");
        await seeder.RegisterAsync(bob);
        await alice.RegisterAsync();
        await alice.StartConversationWithAsync(bob);
        var refreshes = 0;
        alice.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/session/refresh", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref refreshes);
            }
        };

        // Past the first token's lifetime: the page has renewed it in the background, so nothing asks to log in again.
        await Task.Delay(ShortTokenFixture.AccessTokenLifetime + TimeSpan.FromSeconds(2));
        Assert.True(Volatile.Read(ref refreshes) > 0, "the page never refreshed its access token");

        await alice.SendAsync("sent with a renewed token");
        await Expect(alice.Message("sent with a renewed token")).ToBeVisibleAsync();
        await Expect(alice.LoginHeading).ToHaveCountAsync(0);
        await Expect(alice.Page.Locator(".toast")).ToHaveCountAsync(0);
        await Expect(alice.LiveStatus).ToHaveTextAsync("Live");
    }
}
