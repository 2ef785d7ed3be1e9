using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConversationValidationTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\n\t \u00a0")]
    public async Task ABlankBodyIsRefused(string body)
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).SendAsync(owner, Message(body)));

        Assert.Contains("message_body", error.Errors!.Keys);
        Assert.Equal(0, (await Conversation(id).ListMessagesAsync(owner, Query())).Count);
    }

    [Fact]
    public async Task TheBodyLimitCountsCodePointsOfTheTrimmedText()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var emoji = string.Concat(Enumerable.Repeat("\U0001F600", 4000));
        var padded = "  " + new string('x', 4000) + "\n";

        var ok = await Conversation(id).SendAsync(owner, Message(emoji));
        var kept = await Conversation(id).SendAsync(owner, Message(padded));
        var tooLong = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).SendAsync(owner, Message(emoji + "\U0001F600")));

        Assert.Equal(8000, ok.Message.MessageBody.Length);
        Assert.Equal(padded, kept.Message.MessageBody);
        Assert.Contains("message_body", tooLong.Errors!.Keys);
        Assert.Equal(padded, (await Conversation(id).GetMessageAsync(member, kept.Message.MessageId)).MessageBody);
        await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).SendAsync(owner, Message(new string('y', 4001))));
    }

    [Fact]
    public async Task AClientMessageIdOfMoreThan64CharactersIsRefused()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        await Conversation(id).SendAsync(owner, Message("ok", new string('c', 64)));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).SendAsync(owner, Message("no", new string('c', 65))));

        Assert.Contains("client_message_id", error.Errors!.Keys);
    }

    [Fact]
    public async Task AConversationWithOnlyTheCallerIsRefused()
    {
        var owner = await NewUserAsync();

        var onlySelf = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([owner, owner], null)));
        var empty = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([], null)));

        Assert.Contains("participants", onlySelf.Errors!.Keys);
        Assert.Contains("participants", empty.Errors!.Keys);
        Assert.Empty((await User(owner).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    [Fact]
    public async Task AnUnknownParticipantIsRefusedByName()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var unknown = Guid.NewGuid();
        var id = Guid.NewGuid();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).CreateAsync(owner, new CreateConversation([member, unknown], null)));

        Assert.Contains(unknown.ToString(), Assert.Single(error.Errors!["participants"]), StringComparison.Ordinal);
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetAsync(owner));
        Assert.Empty((await User(member).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    [Fact]
    public async Task MoreThan256ParticipantsAreRefused()
    {
        var owner = await NewUserAsync();
        var others = Enumerable.Range(0, 256).Select(_ => Guid.NewGuid()).ToList();

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation(others, null)));

        Assert.Contains("256", Assert.Single(error.Errors!["participants"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheTitleIsTrimmedOptionalAndAtMost255Characters()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());

        var untitled = await Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([member], null));
        var longest = await Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([member], " " + new string('t', 255) + " "));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([member], new string('t', 256))));

        Assert.Equal("", untitled.Title);
        Assert.Equal(new string('t', 255), longest.Title);
        Assert.Contains("title", error.Errors!.Keys);
        await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(longest.ConversationId).RenameAsync(owner, new string('t', 256)));
    }

    [Fact]
    public async Task CreatingAnExistingConversationIsAConflict()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        await Assert.ThrowsAsync<ConflictException>(() => Conversation(id).CreateAsync(owner, new CreateConversation([member], "again")));
        Assert.Equal("Title", (await Conversation(id).GetAsync(owner)).Title);
    }

    [Fact]
    public async Task AnUnregisteredCallerCannotCreateAConversation()
    {
        var member = await NewUserAsync();

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(Guid.NewGuid()).CreateAsync(Guid.NewGuid(), new CreateConversation([member], null)));
        Assert.Empty((await User(member).ListConversationsAsync(ListQuery())).ConversationIds);
    }
}
