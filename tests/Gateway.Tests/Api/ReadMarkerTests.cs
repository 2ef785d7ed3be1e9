using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

/// <summary>PUT /api/conversations/{id}/read/, and the read fields and filter of conversations.</summary>
[Collection(GatewayCollection.Name)]
public class ReadMarkerTests(GatewayFactory factory)
{
    private async Task<(HttpClient Alice, HttpClient Bob, Guid Conversation)> ConversationWithMessagesAsync(int count)
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        var alices = factory.CreateClient(alice);
        var conversation = await alices.CreateConversationAsync(bob);
        for (var i = 1; i <= count; i++)
        {
            await alices.SendAsync(conversation.ConversationId, $"m{i}");
        }

        return (alices, factory.CreateClient(bob), conversation.ConversationId);
    }

    [Fact]
    public async Task MarkingReadMovesTheMarkerForwardOnly()
    {
        var (alice, bob, id) = await ConversationWithMessagesAsync(3);

        var before = await ApiAssert.OkAsync<ConversationView>(await bob.GetAsync($"/api/conversations/{id}/"));
        var marked = await ApiAssert.OkAsync<ReadMarker>(await bob.PutAsJsonAsync($"/api/conversations/{id}/read/", new { seq = 2 }));
        var lower = await ApiAssert.OkAsync<ReadMarker>(await bob.PutAsJsonAsync($"/api/conversations/{id}/read", new { seq = 1 }));
        var after = await ApiAssert.OkAsync<ConversationView>(await bob.GetAsync($"/api/conversations/{id}/"));
        var alices = await ApiAssert.OkAsync<ConversationView>(await alice.GetAsync($"/api/conversations/{id}/"));

        Assert.Equal((0L, 3L), (before.LastReadSeq, before.UnreadCount));
        Assert.Equal(new ReadMarker(id, 2, 1), marked);
        Assert.Equal(marked, lower);
        Assert.Equal((2L, 1L), (after.LastReadSeq, after.UnreadCount));
        Assert.Equal((3L, 0L), (alices.LastReadSeq, alices.UnreadCount));
    }

    [Theory]
    [InlineData("{\"seq\": 0}")]
    [InlineData("{\"seq\": -1}")]
    [InlineData("{\"seq\": 4}")]
    [InlineData("{\"seq\": 1.5}")]
    [InlineData("{\"seq\": \"two\"}")]
    [InlineData("{\"seq\": null}")]
    [InlineData("{}")]
    [InlineData("{\"seq\": 99999999999999999999999}")]
    public async Task ASeqThatIsNotAPositiveIntegerUpToTheLastIsA400(string body)
    {
        var (_, bob, id) = await ConversationWithMessagesAsync(3);

        using var response = await bob.PutAsync($"/api/conversations/{id}/read/", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        await ApiAssert.ProblemAsync(response, HttpStatusCode.BadRequest);
        var unchanged = await ApiAssert.OkAsync<ConversationView>(await bob.GetAsync($"/api/conversations/{id}/"));
        Assert.Equal((0L, 3L), (unchanged.LastReadSeq, unchanged.UnreadCount));
    }

    [Fact]
    public async Task AStrangerGets403AndAnUnknownConversation404()
    {
        var (_, _, id) = await ConversationWithMessagesAsync(1);
        using var mallory = factory.CreateClient(await factory.RegisterAsync("mallory"));

        using var stranger = await mallory.PutAsJsonAsync($"/api/conversations/{id}/read/", new { seq = 1 });
        using var unknown = await mallory.PutAsJsonAsync($"/api/conversations/{Guid.NewGuid()}/read/", new { seq = 1 });
        using var anonymous = await factory.CreateClient().PutAsJsonAsync($"/api/conversations/{id}/read/", new { seq = 1 });

        await ApiAssert.ProblemAsync(stranger, HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(unknown, HttpStatusCode.NotFound);
        await ApiAssert.UnauthorizedAsync(anonymous);
    }

    [Fact]
    public async Task TheUnreadFilterKeepsConversationsWithUnreadMessages()
    {
        var (alice, bob, id) = await ConversationWithMessagesAsync(2);
        await alice.CreateConversationAsync(await factory.RegisterAsync("carol"));

        var unread = await bob.PageAsync<ConversationView>("/api/conversations/?unread=true");
        Assert.Equal([(id, 0L, 2L)], unread.Results.Select(c => (c.ConversationId, c.LastReadSeq, c.UnreadCount)));

        await bob.PutAsJsonAsync($"/api/conversations/{id}/read/", new { seq = 2 });
        var none = await bob.PageAsync<ConversationView>("/api/conversations/?unread=true");
        var all = await bob.PageAsync<ConversationView>("/api/conversations/?unread=false");

        Assert.Equal(0, none.Count);
        Assert.Equal([(id, 2L, 0L)], all.Results.Select(c => (c.ConversationId, c.LastReadSeq, c.UnreadCount)));
        using var bad = await bob.GetAsync("/api/conversations/?unread=maybe");
        await ApiAssert.ValidationAsync(bad, "unread");
    }
}
