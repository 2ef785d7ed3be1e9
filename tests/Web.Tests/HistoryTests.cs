using Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests;

/// <summary>Scrolling back through a conversation's history.</summary>
[Collection(WebCollection.Name)]
public class HistoryTests(WebFixture fixture)
{
    [Fact]
    public async Task ScrollingUpLoadsOlderMessagesUntilTheBeginning()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var bob = await fixture.NewPersonAsync("bob", nameof(ScrollingUpLoadsOlderMessagesUntilTheBeginning));
        var alice = ApiSeeder.UniqueName("alice");
        await seeder.RegisterAsync(alice);
        var bobId = await seeder.RegisterAsync(bob.Username);
        var conversation = await seeder.CreateConversationAsync(alice, "History", bobId);
        await seeder.SendAsync(alice, conversation, [.. Enumerable.Range(1, 60).Select(i => $"message {i}")]);

        await bob.LoginAsync();
        await bob.OpenAsync("History");

        // The latest page only: the newest message at the bottom, the oldest ones not loaded yet.
        await Expect(bob.Message("message 60")).ToBeInViewportAsync();
        await Expect(bob.Messages).ToHaveCountAsync(50);
        await Expect(bob.Message("message 1")).ToHaveCountAsync(0);
        await bob.ScreenshotAsync("latest");

        await bob.MessagesScroller.EvaluateAsync("scroller => scroller.scrollTop = 0");

        await Expect(bob.Messages).ToHaveCountAsync(60);
        await Expect(bob.Message("message 1")).ToBeVisibleAsync();
        await Expect(bob.Page.GetByText("This is the beginning of the conversation.")).ToBeVisibleAsync();
        var order = await bob.Messages.EvaluateAllAsync<int[]>("items => items.map(item => Number(item.dataset.seq))");
        Assert.Equal(Enumerable.Range(1, 60), order);

        // Loading older messages kept the reader's place: message 11 did not jump out of view.
        await Expect(bob.Message("message 11")).ToBeInViewportAsync();
        await bob.ScreenshotAsync("beginning");
        Assert.Empty(bob.Errors);
    }
}
