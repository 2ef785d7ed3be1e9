using Microsoft.Playwright;
using Web.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Web.Tests;

/// <summary>Two people in two browsers: what one does, the other sees without reloading.</summary>
[Collection(WebCollection.Name)]
public class LiveTests(WebFixture fixture)
{
    /// <summary>The most a message may take to appear on the other person's screen.</summary>
    private static readonly LocatorAssertionsToBeVisibleOptions WithinASecond = new() { Timeout = 1_000 };

    [Fact]
    public async Task TwoPeopleSeeEachOthersMessagesWithinASecond()
    {
        await using var alice = await fixture.NewPersonAsync("alice", nameof(TwoPeopleSeeEachOthersMessagesWithinASecond));
        await using var bob = await fixture.NewPersonAsync("bob", nameof(TwoPeopleSeeEachOthersMessagesWithinASecond));
        await Task.WhenAll(alice.RegisterAsync(), bob.RegisterAsync());
        await Task.WhenAll(Expect(alice.LiveStatus).ToHaveTextAsync("Live"), Expect(bob.LiveStatus).ToHaveTextAsync("Live"));

        await alice.StartConversationWithAsync(bob.Username);
        await Expect(alice.Page.GetByText("No messages yet. Say hello!")).ToBeVisibleAsync();

        // Bob's list gets the new conversation by itself, then its first message, with a badge.
        await Expect(bob.Conversation(alice.Username)).ToBeVisibleAsync();
        await alice.SendAsync("Hi Bob! Lunch at noon?");
        await Expect(alice.Message("Hi Bob! Lunch at noon?")).ToBeVisibleAsync();
        await Expect(bob.UnreadBadge(alice.Username)).ToHaveTextAsync("1", new() { Timeout = 1_000 });
        await Expect(bob.Conversation(alice.Username)).ToContainTextAsync("Hi Bob! Lunch at noon?");

        await bob.OpenAsync(alice.Username);
        await Expect(bob.Message("Hi Bob! Lunch at noon?")).ToBeVisibleAsync();
        await Expect(bob.UnreadBadge(alice.Username)).ToHaveCountAsync(0);

        await bob.SendAsync("Sounds good. See you there.");
        await Expect(alice.Message("Sounds good. See you there.")).ToBeVisibleAsync(WithinASecond);

        await alice.SendAsync("Great!\nI'll book a table.");
        await Expect(bob.Message("Great!\nI'll book a table.")).ToBeVisibleAsync(WithinASecond);

        // Own messages on the right, the other person's on the left, each in order, each once.
        await Expect(alice.Message("Hi Bob! Lunch at noon?")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bmine\b"));
        await Expect(bob.Message("Hi Bob! Lunch at noon?")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\btheirs\b"));
        await Expect(alice.Messages).ToHaveCountAsync(3);
        await Expect(bob.Messages).ToHaveCountAsync(3);
        await Expect(alice.UnreadBadge(bob.Username)).ToHaveCountAsync(0);
        await alice.ScreenshotAsync("conversation");
        await bob.ScreenshotAsync("conversation");
        Assert.Empty(alice.Errors);
        Assert.Empty(bob.Errors);
    }

    [Fact]
    public async Task AfterLosingTheNetworkThePageCatchesUpOnWhatItMissed()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var bob = await fixture.NewPersonAsync("bob", nameof(AfterLosingTheNetworkThePageCatchesUpOnWhatItMissed));
        var alice = ApiSeeder.UniqueName("alice");
        await seeder.RegisterAsync(alice);
        var bobId = await seeder.RegisterAsync(bob.Username);
        var open = await seeder.CreateConversationAsync(alice, "Open", bobId);
        await bob.LoginAsync();
        await bob.OpenAsync("Open");
        await Expect(bob.LiveStatus).ToHaveTextAsync("Live");
        await seeder.SendAsync(alice, open, "before you left");
        await Expect(bob.Message("before you left")).ToBeVisibleAsync(WithinASecond);
        var streams = new System.Collections.Concurrent.ConcurrentQueue<string>();
        bob.Page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/events/?", StringComparison.Ordinal))
            {
                streams.Enqueue(request.Url);
            }
        };

        await bob.Context.SetOfflineAsync(true);
        await Expect(bob.LiveStatus).ToHaveTextAsync("Offline, reconnecting…");
        await seeder.SendAsync(alice, open, "while you were away");
        var later = await seeder.CreateConversationAsync(alice, "Started while offline", bobId);
        await seeder.SendAsync(alice, later, "hello again");
        await bob.Context.SetOfflineAsync(false);

        // Back online: the stream resumes from its last event id, so every missed event arrives, without a reload.
        await Expect(bob.LiveStatus).ToHaveTextAsync("Live");
        await Expect(bob.Message("while you were away")).ToBeVisibleAsync();
        await Expect(bob.UnreadBadge("Started while offline")).ToHaveTextAsync("1");
        await Expect(bob.Messages).ToHaveCountAsync(2);
        var reconnect = Assert.Single(streams);
        Assert.Contains("last_event_id=", reconnect, StringComparison.Ordinal);
        Assert.DoesNotContain("access_token", reconnect, StringComparison.Ordinal);
        await bob.ScreenshotAsync("caught-up");
    }

    [Fact]
    public async Task UnreadBadgesRiseForConversationsNotOpenAndClearWhenOpened()
    {
        using var seeder = new ApiSeeder(fixture.Gateway.Address);
        await using var bob = await fixture.NewPersonAsync("bob", nameof(UnreadBadgesRiseForConversationsNotOpenAndClearWhenOpened));
        var alice = ApiSeeder.UniqueName("alice");
        await seeder.RegisterAsync(alice);
        var bobId = await seeder.RegisterAsync(bob.Username);
        var lunch = await seeder.CreateConversationAsync(alice, "Lunch", bobId);
        var project = await seeder.CreateConversationAsync(alice, "Project X", bobId);

        await bob.LoginAsync();
        await Expect(bob.LiveStatus).ToHaveTextAsync("Live");
        await bob.OpenAsync("Lunch");

        await seeder.SendAsync(alice, project, "The build is green");
        await Expect(bob.UnreadBadge("Project X")).ToHaveTextAsync("1", new() { Timeout = 1_000 });
        await seeder.SendAsync(alice, project, "Release at five?");
        await Expect(bob.UnreadBadge("Project X")).ToHaveTextAsync("2", new() { Timeout = 1_000 });

        // A message in the open conversation is read as it arrives: no badge there, and the server takes the marker.
        var lunchRead = ReadMarkerStoredAsync(bob, lunch);
        await seeder.SendAsync(alice, lunch, "Pizza?");
        await Expect(bob.Message("Pizza?")).ToBeVisibleAsync(WithinASecond);
        await Expect(bob.UnreadBadge("Lunch")).ToHaveCountAsync(0);
        Assert.Equal(200, (await lunchRead).Status);
        await bob.ScreenshotAsync("badges");

        // The badge clears as the messages show; the marker reaches the server a moment later.
        var projectRead = ReadMarkerStoredAsync(bob, project);
        await bob.OpenAsync("Project X");
        await Expect(bob.Message("Release at five?")).ToBeVisibleAsync();
        await Expect(bob.UnreadBadge("Project X")).ToHaveCountAsync(0);
        Assert.Equal(200, (await projectRead).Status);

        // The read markers are the server's: after a reload no badge comes back.
        await bob.Page.ReloadAsync();
        await Expect(bob.Conversation("Project X")).ToBeVisibleAsync();
        await Expect(bob.Conversation("Lunch")).ToBeVisibleAsync();
        await Expect(bob.Page.Locator(".badge")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The answer to the page's next read marker move in <paramref name="conversationId"/>. The page clears a badge at
    /// once and sends the marker about 100 ms later, so a reload before the answer could lose it.
    /// </summary>
    private static Task<IResponse> ReadMarkerStoredAsync(ChatPage person, string conversationId) =>
        person.Page.WaitForResponseAsync(
            response => response.Request.Method == "PUT"
                && response.Url.EndsWith($"/api/conversations/{conversationId}/read/", StringComparison.Ordinal),
            new() { Timeout = 5_000 });
}
