using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Messaging.Testing.Events;

namespace Gateway.Tests.Api;

/// <summary>GET /api/events/ over HTTP: the events a user sees, resuming by cursor, tickets, and what is refused.</summary>
[Collection(GatewayCollection.Name)]
public class EventStreamTests(GatewayFactory factory)
{
    [Fact]
    public async Task AStreamCarriesTheCallersEventsAsTheyHappen()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        using var bobs = factory.CreateClient(bob);
        await using var stream = await EventStreamReader.OpenAsync(bobs);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        Assert.Equal("text/event-stream", stream.Response.Content.Headers.ContentType?.MediaType);

        var conversation = await alices.CreateConversationAsync(bob);
        var sent = await alices.SendAsync(conversation.ConversationId, "hello bob");

        var events = await stream.NextAsync(2);
        Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated], events.Select(e => e.Type));
        Assert.Equal(conversation.ConversationId.ToString(), events[0].String("conversation_id"));
        Assert.Equal(0, events[0].Number("unread_count"));
        Assert.Equal((sent.MessageId.ToString(), "hello bob", 1L), (events[1].String("message_id"), events[1].String("message_body"), events[1].Number("seq")));
        Assert.Equal(events[0].Cursor + 1, events[1].Cursor);
    }

    [Fact]
    public async Task ReconnectingWithLastEventIdGetsEveryLaterEventOnceThenLiveOnes()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        using var bobs = factory.CreateClient(bob);
        var conversation = await alices.CreateConversationAsync(bob);
        string cursor;
        await using (var first = await EventStreamReader.OpenAsync(bobs))
        {
            await alices.SendAsync(conversation.ConversationId, "one");
            cursor = (await first.NextAsync(1))[0].Id!;
        }

        for (var i = 2; i <= 4; i++)
        {
            await alices.SendAsync(conversation.ConversationId, $"{i}");
        }

        await using var resumed = await EventStreamReader.OpenAsync(bobs, lastEventId: cursor);
        var missed = await resumed.NextAsync(3);
        await alices.SendAsync(conversation.ConversationId, "live");
        var live = await resumed.NextAsync(1);

        Assert.Equal(["2", "3", "4", "live"], missed.Concat(live).Select(e => e.String("message_body")));
        Assert.Equal(Enumerable.Range(1, 4).Select(i => long.Parse(cursor, System.Globalization.CultureInfo.InvariantCulture) + i), missed.Concat(live).Select(e => e.Cursor));
        Assert.Null(await resumed.NextOrNoneAsync(TimeSpan.FromMilliseconds(300)));
    }

    [Fact]
    public async Task TheLastEventIdQueryParameterResumesLikeTheHeader()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        var conversation = await alices.CreateConversationAsync(bob);
        await alices.SendAsync(conversation.ConversationId, "one");

        await using var stream = await EventStreamReader.OpenAsync(factory.CreateClient(bob), "/api/events/?last_event_id=1");

        var next = await stream.NextAsync(1);
        Assert.Equal((2L, "one"), (next[0].Cursor, next[0].String("message_body")));
    }

    [Theory]
    [InlineData("not-a-number")]
    [InlineData("-3")]
    [InlineData("1e3")]
    public async Task AMalformedLastEventIdCountsAsNoCursor(string lastEventId)
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        var conversation = await alices.CreateConversationAsync(bob);
        await using var stream = await EventStreamReader.OpenAsync(factory.CreateClient(bob), lastEventId: lastEventId);

        await alices.SendAsync(conversation.ConversationId, "only this");

        var first = (await stream.NextAsync(1))[0];
        Assert.Equal((UserEventTypes.MessageCreated, "only this"), (first.Type, first.String("message_body")));
    }

    [Fact]
    public async Task ACursorThatIsNoLongerKeptOrWasNeverIssuedGetsResync()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        var conversation = await alices.CreateConversationAsync(bob);
        for (var i = 0; i < 15; i++)
        {
            await alices.SendAsync(conversation.ConversationId, $"m{i}");
        }

        // The test gateway keeps 5 events with no minimum age: the 16 events went past retention.
        await using var old = await EventStreamReader.OpenAsync(factory.CreateClient(bob), lastEventId: "1");
        await using var future = await EventStreamReader.OpenAsync(factory.CreateClient(bob), lastEventId: "999999");

        var resync = (await old.NextAsync(1))[0];
        Assert.Equal((UserEventTypes.Resync, 16L), (resync.Type, resync.Cursor));
        Assert.Equal(System.Text.Json.JsonValueKind.Object, resync.Data.ValueKind);
        var never = (await future.NextAsync(1))[0];
        Assert.Equal((UserEventTypes.Resync, 16L), (never.Type, never.Cursor));
        await alices.SendAsync(conversation.ConversationId, "after the resync");
        Assert.Equal("after the resync", (await old.NextAsync(1))[0].String("message_body"));
    }

    [Fact]
    public async Task CloseAfterEndsTheResponseForClientsThatCannotReadAnEndlessOne()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        var conversation = await factory.CreateClient(alice).CreateConversationAsync(bob);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/events/?close_after=1");
        request.Headers.TryAddWithoutValidation("Last-Event-ID", "0");
        var started = DateTime.UtcNow;

        using var response = await factory.CreateClient(bob).SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(DateTime.UtcNow - started, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(5));
        Assert.StartsWith($"id: 1\nevent: conversation.created\ndata: {{\"conversation_id\":\"{conversation.ConversationId}\"", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("301")]
    [InlineData("-1")]
    [InlineData("soon")]
    public async Task AnInvalidCloseAfterIsA400(string closeAfter)
    {
        var bob = await factory.RegisterAsync("bob");

        using var response = await factory.CreateClient(bob).GetAsync($"/api/events/?close_after={closeAfter}", HttpCompletionOption.ResponseHeadersRead);

        await ApiAssert.ValidationAsync(response, "close_after");
    }

    [Fact]
    public async Task AnIdleStreamGetsKeepAliveComments()
    {
        var bob = await factory.RegisterAsync("bob");
        await using var stream = await EventStreamReader.OpenAsync(factory.CreateClient(bob));

        Assert.Null(await stream.NextOrNoneAsync(TimeSpan.FromMilliseconds(2500)));

        Assert.Contains(": keep-alive", stream.Comments);
    }

    [Fact]
    public async Task AStrangerSeesNothingOfOthersConversations()
    {
        var (alice, bob, mallory) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("mallory"));
        using var alices = factory.CreateClient(alice);
        await using var stream = await EventStreamReader.OpenAsync(factory.CreateClient(mallory));

        var secret = await alices.CreateConversationAsync(bob);
        await alices.SendAsync(secret.ConversationId, "not for mallory");
        var open = await alices.CreateConversationAsync(mallory);

        var first = (await stream.NextAsync(1))[0];
        Assert.Equal((UserEventTypes.ConversationCreated, open.ConversationId.ToString()), (first.Type, first.String("conversation_id")));
    }

    [Fact]
    public async Task EveryConnectionOfTheUserGetsTheEvents()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var alices = factory.CreateClient(alice);
        await using var phone = await EventStreamReader.OpenAsync(factory.CreateClient(bob));
        await using var laptop = await EventStreamReader.OpenAsync(factory.CreateClient(bob));
        var conversation = await alices.CreateConversationAsync(bob);
        await alices.SendAsync(conversation.ConversationId, "to both");

        using var read = await factory.CreateClient(bob).PutAsJsonAsync($"/api/conversations/{conversation.ConversationId}/read/", new { seq = 1 });
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);

        foreach (var stream in new[] { phone, laptop })
        {
            var events = await stream.NextAsync(3);
            Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated, UserEventTypes.ReadUpdated], events.Select(e => e.Type));
            Assert.Equal((1L, 0L), (events[2].Number("last_read_seq"), events[2].Number("unread_count")));
        }
    }

    [Fact]
    public async Task ATicketOpensTheStreamOnceForItsUser()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var response = await factory.CreateClient(bob).PostAsync("/api/events/ticket/", null);
        var ticket = await ApiAssert.OkAsync<TicketBody>(response, HttpStatusCode.Created);
        Assert.Equal(30, ticket.ExpiresIn);

        using var anonymous = factory.CreateClient();
        await using (var stream = await EventStreamReader.OpenAsync(anonymous, $"/api/events/?ticket={ticket.Ticket}"))
        {
            Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
            var conversation = await factory.CreateClient(alice).CreateConversationAsync(bob);
            Assert.Equal(conversation.ConversationId.ToString(), (await stream.NextAsync(1))[0].String("conversation_id"));
        }

        using var again = await anonymous.GetAsync($"/api/events/?ticket={ticket.Ticket}", HttpCompletionOption.ResponseHeadersRead);
        await ApiAssert.UnauthorizedAsync(again);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("00000000000000000000000000000000deadbeef")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public async Task AForgedTicketIsRefused(string ticket)
    {
        using var response = await factory.CreateClient().GetAsync($"/api/events/?ticket={Uri.EscapeDataString(ticket)}", HttpCompletionOption.ResponseHeadersRead);
        await ApiAssert.UnauthorizedAsync(response);
    }

    [Fact]
    public async Task AnotherUsersTicketPrefixDoesNotOpenTheirStream()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var issued = await factory.CreateClient(bob).PostAsync("/api/events/ticket/", null);
        var ticket = (await ApiAssert.OkAsync<TicketBody>(issued, HttpStatusCode.Created)).Ticket;

        var forged = alice.Id.ToString("N") + ticket[32..];
        using var response = await factory.CreateClient().GetAsync($"/api/events/?ticket={forged}", HttpCompletionOption.ResponseHeadersRead);

        await ApiAssert.UnauthorizedAsync(response);
    }

    [Fact]
    public async Task AStreamWithoutAuthenticationOrWithATokenInTheUrlIsRefused()
    {
        var bob = await factory.RegisterAsync("bob");
        var token = factory.Tokens.Access(bob);
        using var anonymous = factory.CreateClient();

        using var none = await anonymous.GetAsync("/api/events/", HttpCompletionOption.ResponseHeadersRead);
        using var inUrl = await anonymous.GetAsync($"/api/events/?access_token={token}", HttpCompletionOption.ResponseHeadersRead);
        using var inUrlWithHeader = await factory.CreateClient(bob).GetAsync($"/api/events/?access_token={token}", HttpCompletionOption.ResponseHeadersRead);
        using var expired = new HttpRequestMessage(HttpMethod.Get, "/api/events/");
        expired.Headers.Authorization = new("Bearer", factory.Tokens.Sign(TestTokens.AccessClaims(bob), issuedAt: DateTime.UtcNow.AddMinutes(-20)));
        using var expiredResponse = await anonymous.SendAsync(expired, HttpCompletionOption.ResponseHeadersRead);

        await ApiAssert.UnauthorizedAsync(none);
        await ApiAssert.UnauthorizedAsync(inUrl);
        await ApiAssert.UnauthorizedAsync(inUrlWithHeader);
        await ApiAssert.UnauthorizedAsync(expiredResponse);
    }

    [Fact]
    public async Task ATicketRequiresAnAccessToken()
    {
        using var response = await factory.CreateClient().PostAsync("/api/events/ticket/", null);
        await ApiAssert.UnauthorizedAsync(response);
    }

    private sealed record TicketBody(
        [property: System.Text.Json.Serialization.JsonPropertyName("ticket")] string Ticket,
        [property: System.Text.Json.Serialization.JsonPropertyName("expires_in")] int ExpiresIn);
}
