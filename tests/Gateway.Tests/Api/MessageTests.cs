using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class MessageTests(GatewayFactory factory)
{
    private async Task<(HttpClient Alice, HttpClient Bob, HttpClient Eve, TestUser AliceUser, Guid ConversationId)> ConversationAsync()
    {
        var (alice, bob, eve) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("eve"));
        var asAlice = factory.CreateClient(alice);
        var conversation = await asAlice.CreateConversationAsync(bob);
        return (asAlice, factory.CreateClient(bob), factory.CreateClient(eve), alice, conversation.ConversationId);
    }

    [Fact]
    public async Task SendingStoresTheMessageAsSentWithTheNextSeq()
    {
        var (alice, bob, _, aliceUser, id) = await ConversationAsync();

        using var response = await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = "  hello  " });
        var message = await ApiAssert.OkAsync<MessageView>(response, HttpStatusCode.Created);
        Assert.Equal((id, 1L, aliceUser.Id, aliceUser.Username, "  hello  "), (message.ConversationId, message.Seq, message.Sender.UserId, message.Sender.Username, message.MessageBody));
        Assert.Null(message.ClientMessageId);
        Assert.Null(message.EditedAt);
        Assert.Equal($"/api/conversations/{id}/messages/{message.MessageId}/", response.Headers.Location?.OriginalString);

        var reply = await bob.SendAsync(id, "hi alice");
        Assert.Equal(2, reply.Seq);
        Assert.Equal(message, await ApiAssert.OkAsync<MessageView>(await bob.GetAsync($"/api/conversations/{id}/messages/{message.MessageId}/")));
        var conversation = await ApiAssert.OkAsync<ConversationView>(await alice.GetAsync($"/api/conversations/{id}/"));
        Assert.Equal(reply.SentAt, conversation.LastMessageAt);
    }

    [Fact]
    public async Task AClientMessageIdReplayReturnsTheOriginalWith200()
    {
        var (alice, _, _, _, id) = await ConversationAsync();
        var original = await alice.SendAsync(id, "once", "client-1");

        using var replay = await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = "twice?", client_message_id = "client-1" });
        Assert.Equal(original, await ApiAssert.OkAsync<MessageView>(replay));
        Assert.Equal(1, (await alice.PageAsync<MessageView>($"/api/conversations/{id}/messages/")).Count);

        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"/api/conversations/{id}/messages/{original.MessageId}/")).StatusCode);
        await ApiAssert.ProblemAsync(
            await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = "again", client_message_id = "client-1" }), HttpStatusCode.Conflict);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\t ")]
    public async Task EmptyBodiesAreRefused(string body)
    {
        var (alice, _, _, _, id) = await ConversationAsync();
        await ApiAssert.ValidationAsync(await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = body }), "message_body");
        await ApiAssert.ValidationAsync(await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { body }), "message_body");
        Assert.Equal(0, (await alice.PageAsync<MessageView>($"/api/conversations/{id}/messages/")).Count);
    }

    [Fact]
    public async Task BodiesCountCodePointsUpTo4000()
    {
        var (alice, _, _, _, id) = await ConversationAsync();
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 4000));
        Assert.Equal(emoji, (await alice.SendAsync(id, emoji)).MessageBody);
        await ApiAssert.ValidationAsync(
            await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = new string('x', 4001) }), "message_body");
        await ApiAssert.ProblemAsync(
            await alice.PostAsJsonAsync($"/api/conversations/{id}/messages/", new { message_body = "x", client_message_id = new string('c', 65) }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task OutsidersGet403ForEveryMessageWhetherOrNotItExists()
    {
        var (alice, _, eve, _, id) = await ConversationAsync();
        var message = await alice.SendAsync(id, "private");
        var url = $"/api/conversations/{id}/messages/";

        await ApiAssert.ProblemAsync(await eve.GetAsync(url), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await eve.GetAsync($"{url}{message.MessageId}/"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await eve.GetAsync($"{url}{Guid.NewGuid()}/"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await eve.PostAsJsonAsync(url, new { message_body = "let me in" }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await eve.PatchAsJsonAsync($"{url}{message.MessageId}/", new { message_body = "edited" }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await eve.DeleteAsync($"{url}{message.MessageId}/"), HttpStatusCode.Forbidden);

        Assert.Equal([message], (await alice.PageAsync<MessageView>(url)).Results);
        await ApiAssert.ProblemAsync(await alice.GetAsync($"{url}{Guid.NewGuid()}/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await alice.GetAsync($"/api/conversations/{Guid.NewGuid()}/messages/"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OnlyTheSenderEdits()
    {
        var (alice, bob, _, _, id) = await ConversationAsync();
        var message = await alice.SendAsync(id, "tpyo");
        var url = $"/api/conversations/{id}/messages/{message.MessageId}/";

        await ApiAssert.ProblemAsync(await bob.PatchAsJsonAsync(url, new { message_body = "bob was here" }), HttpStatusCode.Forbidden);
        var edited = await ApiAssert.OkAsync<MessageView>(await alice.PatchAsJsonAsync(url, new { message_body = "typo" }));
        Assert.Equal(("typo", message.Seq, message.SentAt), (edited.MessageBody, edited.Seq, edited.SentAt));
        Assert.NotNull(edited.EditedAt);
        Assert.Equal(edited, await ApiAssert.OkAsync<MessageView>(await bob.GetAsync(url)));
        await ApiAssert.ValidationAsync(await alice.PatchAsJsonAsync(url, new { message_body = " " }), "message_body");
        await ApiAssert.ValidationAsync(await alice.PatchAsJsonAsync(url, new { }), "message_body");
    }

    [Fact]
    public async Task TheSenderOrTheOwnerDeletesAndTheMessageIsGoneFromListsAndCounts()
    {
        var (alice, bob, _, _, id) = await ConversationAsync();
        var fromAlice = await alice.SendAsync(id, "one");
        var fromBob = await bob.SendAsync(id, "two");
        var kept = await bob.SendAsync(id, "three");
        var url = $"/api/conversations/{id}/messages/";

        await ApiAssert.ProblemAsync(await bob.DeleteAsync($"{url}{fromAlice.MessageId}/"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"{url}{fromBob.MessageId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await alice.DeleteAsync($"{url}{fromAlice.MessageId}")).StatusCode);

        await ApiAssert.ProblemAsync(await bob.GetAsync($"{url}{fromBob.MessageId}/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await alice.DeleteAsync($"{url}{fromBob.MessageId}/"), HttpStatusCode.NotFound);
        var page = await bob.PageAsync<MessageView>(url);
        Assert.Equal(1, page.Count);
        Assert.Equal([kept], page.Results);
    }

    [Fact]
    public async Task FiltersNarrowTheListAndCombine()
    {
        var (alice, bob, _, aliceUser, id) = await ConversationAsync();
        var sent = new List<MessageView>();
        for (var i = 1; i <= 6; i++)
        {
            sent.Add(await (i % 2 == 0 ? bob : alice).SendAsync(id, $"m{i}"));

            // Distinct milliseconds, so that inclusive time bounds select exactly the intended messages.
            await Task.Delay(3);
        }

        Assert.Equal(sent.Count, sent.Select(m => m.SentAt).Distinct().Count());
        var url = $"/api/conversations/{id}/messages/";
        async Task AssertSeqsAsync(string query, params long[] expected) =>
            Assert.Equal(expected, (await alice.PageAsync<MessageView>(url + query)).Results.Select(m => m.Seq));

        await AssertSeqsAsync("", 6, 5, 4, 3, 2, 1);
        await AssertSeqsAsync("?ordering=-sent_at", 6, 5, 4, 3, 2, 1);
        await AssertSeqsAsync("?ordering=sent_at", 1, 2, 3, 4, 5, 6);
        await AssertSeqsAsync($"?sender={aliceUser.Id}", 5, 3, 1);
        await AssertSeqsAsync("?after_seq=4", 6, 5);
        await AssertSeqsAsync("?before_seq=4", 3, 2, 1);
        await AssertSeqsAsync("?after_seq=2&before_seq=5&ordering=sent_at", 3, 4);
        await AssertSeqsAsync("?before_seq=0");

        static string Stamp(MessageView m) => Uri.EscapeDataString(m.SentAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
        await AssertSeqsAsync($"?sent_after={Stamp(sent[1])}&sent_before={Stamp(sent[3])}&ordering=sent_at", 2, 3, 4);
        await AssertSeqsAsync($"?sent_before={Stamp(sent[2])}&sender={aliceUser.Id}&ordering=sent_at", 1, 3);
        var offset = Uri.EscapeDataString(sent[4].SentAt.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", System.Globalization.CultureInfo.InvariantCulture));
        await AssertSeqsAsync($"?sent_after={offset}", 6, 5);
    }

    [Theory]
    [InlineData("sent_after=yesterday", "sent_after")]
    [InlineData("sent_before=2026-11-22", "sent_before")]
    [InlineData("sender=bob", "sender")]
    [InlineData("after_seq=-1", "after_seq")]
    [InlineData("after_seq=x", "after_seq")]
    [InlineData("before_seq=1.5", "before_seq")]
    [InlineData("ordering=seq", "ordering")]
    [InlineData("ordering=", "ordering")]
    [InlineData("page=0", "page")]
    [InlineData("page=-2", "page")]
    [InlineData("page=two", "page")]
    [InlineData("page_size=0", "page_size")]
    [InlineData("page_size=-1", "page_size")]
    [InlineData("page_size=many", "page_size")]
    [InlineData("page=1&page=2", "page")]
    [InlineData("ordering=sent_at&ordering=-sent_at", "ordering")]
    public async Task BadQueryParametersAre400(string query, string field)
    {
        var (alice, _, _, _, id) = await ConversationAsync();
        await ApiAssert.ValidationAsync(await alice.GetAsync($"/api/conversations/{id}/messages/?{query}"), field);
    }

    [Fact]
    public async Task MessagesPageWithAbsoluteLinksThatKeepTheFilters()
    {
        var (alice, _, _, aliceUser, id) = await ConversationAsync();
        await Task.WhenAll(Enumerable.Range(1, 105).Select(i => alice.SendAsync(id, $"m{i}")));
        var url = $"/api/conversations/{id}/messages/";
        var baseUrl = $"http://localhost{url}";

        var first = await alice.PageAsync<MessageView>(url);
        Assert.Equal((105L, 20), (first.Count, first.Results.Count));
        Assert.Equal($"{baseUrl}?page=2", first.Next);
        Assert.Null(first.Previous);
        Assert.Equal(Enumerable.Range(86, 20).Reverse().Select(i => (long)i), first.Results.Select(m => m.Seq));

        var clamped = await alice.PageAsync<MessageView>($"{url}?page_size=1000&sender={aliceUser.Id}");
        Assert.Equal(100, clamped.Results.Count);
        Assert.Equal($"{baseUrl}?page_size=1000&sender={aliceUser.Id}&page=2", clamped.Next);
        var last = await alice.PageAsync<MessageView>(clamped.Next!);
        Assert.Equal(5, last.Results.Count);
        Assert.Null(last.Next);
        Assert.Equal($"{baseUrl}?page_size=1000&sender={aliceUser.Id}", last.Previous);

        var middle = await alice.PageAsync<MessageView>($"{url}?ordering=sent_at&page=3&page_size=10");
        Assert.Equal(Enumerable.Range(21, 10).Select(i => (long)i), middle.Results.Select(m => m.Seq));
        Assert.Equal($"{baseUrl}?ordering=sent_at&page_size=10&page=4", middle.Next);
        Assert.Equal($"{baseUrl}?ordering=sent_at&page_size=10&page=2", middle.Previous);

        await ApiAssert.ProblemAsync(await alice.GetAsync($"{url}?page=12&page_size=10"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await alice.GetAsync($"{url}?page=2&after_seq=105"), HttpStatusCode.NotFound);
        var empty = await alice.PageAsync<MessageView>($"{url}?after_seq=105");
        Assert.Equal((0L, null, null), (empty.Count, empty.Next, empty.Previous));
        Assert.Empty(empty.Results);
    }
}
