using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class ConversationTests(GatewayFactory factory)
{
    [Fact]
    public async Task CreatingMakesTheCallerOwnerAndTheOthersMembers()
    {
        var (alice, bob, carol) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("carol"));
        using var client = factory.CreateClient(alice);

        using var response = await client.PostAsJsonAsync("/api/conversations/", new { participants = new[] { bob.Id, carol.Id, bob.Id, alice.Id }, title = "plans" });
        var conversation = await ApiAssert.OkAsync<ConversationView>(response, HttpStatusCode.Created);

        Assert.Equal(("plans", alice.Id, (DateTimeOffset?)null), (conversation.Title, conversation.CreatedBy, conversation.LastMessageAt));
        Assert.Equal($"/api/conversations/{conversation.ConversationId}/", response.Headers.Location?.OriginalString);
        Assert.Equal(
            new[] { (alice.Id, ParticipantRole.Owner), (bob.Id, ParticipantRole.Member), (carol.Id, ParticipantRole.Member) }.OrderBy(p => p.Item1),
            conversation.Participants.Select(p => (p.UserId, p.Role)).OrderBy(p => p.UserId));
        var read = await ApiAssert.OkAsync<ConversationView>(await client.GetAsync($"/api/conversations/{conversation.ConversationId}/"));
        Assert.Equal(conversation with { Participants = [] }, read with { Participants = [] });
        Assert.Equal(conversation.Participants, read.Participants);
    }

    [Fact]
    public async Task CreatingAcceptsTheDrfFieldName()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);
        using var response = await client.PostAsJsonAsync("/api/conversations", new { participant_ids = new[] { bob.Id } });
        var conversation = await ApiAssert.OkAsync<ConversationView>(response, HttpStatusCode.Created);
        Assert.Contains(conversation.Participants, p => p.UserId == bob.Id);
    }

    [Fact]
    public async Task CreatingNeedsAnotherExistingUser()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient(alice);
        var unknown = Guid.NewGuid();

        await ApiAssert.ValidationAsync(await client.PostAsJsonAsync("/api/conversations/", new { title = "x" }), "participants");
        await ApiAssert.ProblemAsync(await client.PostAsJsonAsync("/api/conversations/", new { participants = new[] { alice.Id } }), HttpStatusCode.BadRequest);
        var problem = await ApiAssert.ProblemAsync(
            await client.PostAsJsonAsync("/api/conversations/", new { participants = new[] { unknown } }), HttpStatusCode.BadRequest);
        Assert.Contains(unknown.ToString(), System.Text.Json.JsonSerializer.Serialize(problem), StringComparison.Ordinal);
        await ApiAssert.ValidationAsync(await client.PostAsJsonAsync("/api/conversations/", new { participants = new[] { "not-a-uuid" } }), "participants[0]");
        Assert.Equal(0, (await client.PageAsync<ConversationView>("/api/conversations/")).Count);
    }

    [Fact]
    public async Task TheListShowsOnlyTheCallersConversationsMostRecentFirst()
    {
        var (alice, bob, carol) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("carol"));
        using var asAlice = factory.CreateClient(alice);
        using var asCarol = factory.CreateClient(carol);
        var withBob = await asAlice.CreateConversationAsync(bob);
        var withBobAndCarol = await asAlice.CreateConversationAsync(bob, carol);
        var carolsOwn = await asCarol.CreateConversationAsync(bob);
        await asAlice.SendAsync(withBob.ConversationId, "bump");

        var page = await asAlice.PageAsync<ConversationView>("/api/conversations/");
        Assert.Equal(2, page.Count);
        Assert.Equal([withBob.ConversationId, withBobAndCarol.ConversationId], page.Results.Select(c => c.ConversationId));
        Assert.NotNull(page.Results[0].LastMessageAt);

        var both = await asAlice.PageAsync<ConversationView>($"/api/conversations/?participant={bob.Id}&participant={carol.Id}");
        Assert.Equal([withBobAndCarol.ConversationId], both.Results.Select(c => c.ConversationId));
        var withCarol = await asAlice.PageAsync<ConversationView>($"/api/conversations/?participant={carol.Id}");
        Assert.Equal(1, withCarol.Count);
        Assert.DoesNotContain(carolsOwn.ConversationId, withCarol.Results.Select(c => c.ConversationId));

        await ApiAssert.ValidationAsync(await asAlice.GetAsync("/api/conversations/?participant=bob"), "participant");
    }

    [Fact]
    public async Task ConversationsPageLikeEveryList()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);
        Assert.Equal(0, (await client.PageAsync<ConversationView>("/api/conversations/")).Count);
        for (var i = 0; i < 3; i++)
        {
            await client.CreateConversationAsync(bob);
        }

        var second = await client.PageAsync<ConversationView>($"/api/conversations/?participant={bob.Id}&page_size=1&page=2");
        Assert.Equal(3, second.Count);
        Assert.Single(second.Results);
        Assert.Equal($"http://localhost/api/conversations/?participant={bob.Id}&page_size=1&page=3", second.Next);
        Assert.Equal($"http://localhost/api/conversations/?participant={bob.Id}&page_size=1", second.Previous);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/conversations/?page_size=1&page=4"), HttpStatusCode.NotFound);
        await ApiAssert.ValidationAsync(await client.GetAsync("/api/conversations/?page=zero"), "page");
    }

    [Fact]
    public async Task OnlyParticipantsMaySeeAConversation()
    {
        var (alice, bob, eve) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("eve"));
        using var asAlice = factory.CreateClient(alice);
        using var asEve = factory.CreateClient(eve);
        var conversation = await asAlice.CreateConversationAsync(bob);

        await ApiAssert.ProblemAsync(await asEve.GetAsync($"/api/conversations/{conversation.ConversationId}/"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await asEve.PatchAsJsonAsync($"/api/conversations/{conversation.ConversationId}/", new { title = "mine" }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await asEve.DeleteAsync($"/api/conversations/{conversation.ConversationId}/"), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await asAlice.GetAsync($"/api/conversations/{Guid.NewGuid()}/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await asAlice.GetAsync("/api/conversations/12345/"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await asEve.PageAsync<ConversationView>("/api/conversations/")).Count);
    }

    [Fact]
    public async Task OwnersAndAdminsRenameMembersDoNot()
    {
        var (alice, bob, carol) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("carol"));
        using var asAlice = factory.CreateClient(alice);
        using var asBob = factory.CreateClient(bob);
        using var asCarol = factory.CreateClient(carol);
        var id = (await asAlice.CreateConversationAsync(bob)).ConversationId;
        var url = $"/api/conversations/{id}/";

        Assert.Equal("renamed", (await ApiAssert.OkAsync<ConversationView>(await asAlice.PatchAsJsonAsync(url, new { title = "renamed" }))).Title);
        await ApiAssert.ProblemAsync(await asBob.PatchAsJsonAsync(url, new { title = "bob's" }), HttpStatusCode.Forbidden);
        await ApiAssert.ValidationAsync(await asAlice.PatchAsJsonAsync(url, new { name = "no title" }), "title");

        await ApiAssert.OkAsync<ParticipantView>(
            await asAlice.PostAsJsonAsync($"{url}participants/", new { user_id = carol.Id, role = "admin" }), HttpStatusCode.Created);
        Assert.Equal("carol's", (await ApiAssert.OkAsync<ConversationView>(await asCarol.PatchAsJsonAsync(url, new { title = "carol's" }))).Title);
        Assert.Equal("carol's", (await ApiAssert.OkAsync<ConversationView>(await asBob.GetAsync(url))).Title);
    }

    [Fact]
    public async Task OnlyTheOwnerDeletesAndThenItIsGone()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var asAlice = factory.CreateClient(alice);
        using var asBob = factory.CreateClient(bob);
        var id = (await asAlice.CreateConversationAsync(bob)).ConversationId;
        await asAlice.SendAsync(id, "soon gone");

        await ApiAssert.ProblemAsync(await asBob.DeleteAsync($"/api/conversations/{id}/"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await asAlice.DeleteAsync($"/api/conversations/{id}")).StatusCode);

        await ApiAssert.ProblemAsync(await asAlice.GetAsync($"/api/conversations/{id}/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await asBob.GetAsync($"/api/conversations/{id}/messages/"), HttpStatusCode.NotFound);
        Assert.Equal(0, (await asBob.PageAsync<ConversationView>("/api/conversations/")).Count);
    }

    [Fact]
    public async Task ParticipantsAreAddedOnceAndOwnerCannotBeGranted()
    {
        var (alice, bob, carol, dave) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"),
            await factory.RegisterAsync("carol"), await factory.RegisterAsync("dave"));
        using var asAlice = factory.CreateClient(alice);
        using var asBob = factory.CreateClient(bob);
        var url = $"/api/conversations/{(await asAlice.CreateConversationAsync(bob)).ConversationId}/participants/";

        using var added = await asAlice.PostAsJsonAsync(url, new { user_id = carol.Id });
        var participant = await ApiAssert.OkAsync<ParticipantView>(added, HttpStatusCode.Created);
        Assert.Equal((carol.Id, carol.Username, ParticipantRole.Member), (participant.UserId, participant.Username, participant.Role));

        await ApiAssert.ProblemAsync(await asAlice.PostAsJsonAsync(url, new { user_id = carol.Id }), HttpStatusCode.Conflict);
        await ApiAssert.ProblemAsync(await asBob.PostAsJsonAsync(url, new { user_id = dave.Id }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await asAlice.PostAsJsonAsync(url, new { user_id = dave.Id, role = "owner" }), HttpStatusCode.BadRequest);
        await ApiAssert.ValidationAsync(await asAlice.PostAsJsonAsync(url, new { user_id = dave.Id, role = "king" }), "role");
        await ApiAssert.ValidationAsync(await asAlice.PostAsJsonAsync(url, new { role = "member" }), "user_id");
        await ApiAssert.ProblemAsync(await asAlice.PostAsJsonAsync(url, new { user_id = Guid.NewGuid() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task AUserWhoLeavesOrIsRemovedLosesAccess()
    {
        var (alice, bob, carol) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("carol"));
        using var asAlice = factory.CreateClient(alice);
        using var asBob = factory.CreateClient(bob);
        using var asCarol = factory.CreateClient(carol);
        var id = (await asAlice.CreateConversationAsync(bob, carol)).ConversationId;
        var message = await asAlice.SendAsync(id, "before they left");

        await ApiAssert.ProblemAsync(await asBob.DeleteAsync($"/api/conversations/{id}/participants/{carol.Id}/"), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.NoContent, (await asBob.DeleteAsync($"/api/conversations/{id}/participants/{bob.Id}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await asAlice.DeleteAsync($"/api/conversations/{id}/participants/{carol.Id}")).StatusCode);

        foreach (var gone in new[] { asBob, asCarol })
        {
            await ApiAssert.ProblemAsync(await gone.GetAsync($"/api/conversations/{id}/"), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(await gone.GetAsync($"/api/conversations/{id}/messages/"), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(await gone.GetAsync($"/api/conversations/{id}/messages/{message.MessageId}/"), HttpStatusCode.Forbidden);
            Assert.Equal(0, (await gone.PageAsync<ConversationView>("/api/conversations/")).Count);
        }

        var remaining = await ApiAssert.OkAsync<ConversationView>(await asAlice.GetAsync($"/api/conversations/{id}/"));
        Assert.Equal([alice.Id], remaining.Participants.Select(p => p.UserId));
    }
}
