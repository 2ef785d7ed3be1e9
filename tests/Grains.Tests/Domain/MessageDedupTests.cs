using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class MessageDedupTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task ReplayingAClientMessageIdReturnsTheFirstMessageAndStoresNothing()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var first = await Conversation(conversationId).SendAsync(owner, Message("hello", "abc"));

        var replay = await Conversation(conversationId).SendAsync(owner, Message("a different body", "abc"));

        Assert.True(first.Created);
        Assert.False(replay.Created);
        Assert.Equal(first.Message, replay.Message);
        Assert.Equal("hello", replay.Message.MessageBody);
        Assert.Equal(1, (await Conversation(conversationId).ListMessagesAsync(owner, Query())).Count);
    }

    [Fact]
    public async Task ReplayingADeletedMessagesClientMessageIdIsAConflictAndStoresNothing()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var first = await Conversation(conversationId).SendAsync(owner, Message("hello", "abc"));
        await Conversation(conversationId).DeleteMessageAsync(owner, first.Message.MessageId);

        await Assert.ThrowsAsync<ConflictException>(() => Conversation(conversationId).SendAsync(owner, Message("hello", "abc")));

        Assert.Equal(0, (await Conversation(conversationId).ListMessagesAsync(owner, Query())).Count);
        var next = await Conversation(conversationId).SendAsync(owner, Message("next"));
        Assert.Equal(2, next.Message.Seq);
    }

    [Fact]
    public async Task AClientMessageIdIsScopedToItsSender()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);

        var mine = await Conversation(conversationId).SendAsync(owner, Message("mine", "same"));
        var theirs = await Conversation(conversationId).SendAsync(member, Message("theirs", "same"));

        Assert.True(theirs.Created);
        Assert.NotEqual(mine.Message.MessageId, theirs.Message.MessageId);
        Assert.Equal(2, (await Conversation(conversationId).ListMessagesAsync(owner, Query())).Count);
    }

    [Fact]
    public async Task AClientMessageIdIsScopedToItsConversation()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var first = await NewConversationAsync(owner, member);
        var second = await NewConversationAsync(owner, member);

        await Conversation(first).SendAsync(owner, Message("one", "same"));
        var other = await Conversation(second).SendAsync(owner, Message("two", "same"));

        Assert.True(other.Created);
        Assert.Equal("two", other.Message.MessageBody);
    }

    [Fact]
    public async Task MessagesWithoutAClientMessageIdAreNeverDeduplicated()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);

        var one = await Conversation(conversationId).SendAsync(owner, Message("same"));
        var two = await Conversation(conversationId).SendAsync(owner, Message("same", ""));

        Assert.True(two.Created);
        Assert.Equal([1L, 2L], new[] { one.Message.Seq, two.Message.Seq });
        Assert.Null(two.Message.ClientMessageId);
    }
}
