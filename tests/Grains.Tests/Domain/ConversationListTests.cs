using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConversationListTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task ConversationsWithoutMessagesAreListedNewestFirst()
    {
        var (me, a, b) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var first = await NewConversationAsync(me, a);
        await Task.Delay(5);
        var second = await NewConversationAsync(a, me, b);

        var page = await User(me).ListConversationsAsync(ListQuery());

        Assert.Equal(2, page.Count);
        Assert.Equal([second, first], page.ConversationIds);
    }

    [Fact]
    public async Task ANewMessageMovesItsConversationToTheTop()
    {
        var (me, a, b) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var oldest = await NewConversationAsync(me, a);
        await Task.Delay(5);
        var middle = await NewConversationAsync(me, b);
        await Task.Delay(5);
        var newest = await NewConversationAsync(me, a, b);
        await Task.Delay(5);

        await Conversation(oldest).SendAsync(a, Message("bump"));

        await EventuallyAsync(async () =>
            Assert.Equal([oldest, newest, middle], (await User(me).ListConversationsAsync(ListQuery())).ConversationIds));
        await EventuallyAsync(async () =>
            Assert.Equal([oldest, newest], (await User(a).ListConversationsAsync(ListQuery())).ConversationIds));
    }

    [Fact]
    public async Task TheParticipantFilterKeepsConversationsWithAllListedUsers()
    {
        var (me, a, b) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var withA = await NewConversationAsync(me, a);
        var withB = await NewConversationAsync(me, b);
        var withBoth = await NewConversationAsync(b, me, a);

        var onlyA = await User(me).ListConversationsAsync(ListQuery(0, 100, a));
        var both = await User(me).ListConversationsAsync(ListQuery(0, 100, a, b));
        var stranger = await User(me).ListConversationsAsync(ListQuery(0, 100, Guid.NewGuid()));

        Assert.Equal(new[] { withBoth, withA }.Order(), onlyA.ConversationIds.Order());
        Assert.Equal([withBoth], both.ConversationIds);
        Assert.Equal(0, stranger.Count);
        Assert.Contains(withB, (await User(me).ListConversationsAsync(ListQuery(0, 100, b))).ConversationIds);
    }

    [Fact]
    public async Task ListsPageWithOffsetAndLimitAndCountEverything()
    {
        var me = await NewUserAsync();
        var other = await NewUserAsync();
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            created.Add(await NewConversationAsync(me, other));
            await Task.Delay(5);
        }

        var page = await User(me).ListConversationsAsync(ListQuery(offset: 1, limit: 2));

        Assert.Equal(5, page.Count);
        Assert.Equal([created[3], created[2]], page.ConversationIds);
    }

    [Fact]
    public async Task MembershipChangesReachTheParticipantFilter()
    {
        var (me, a, late) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(me, a);

        await Conversation(id).AddParticipantAsync(me, new AddParticipant(late, ParticipantRole.Member));
        Assert.Equal([id], (await User(a).ListConversationsAsync(ListQuery(0, 100, late))).ConversationIds);

        await Conversation(id).RemoveParticipantAsync(late, late);
        Assert.Empty((await User(a).ListConversationsAsync(ListQuery(0, 100, late))).ConversationIds);
        Assert.Empty((await User(late).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    [Fact]
    public async Task ActivityIsWrittenWithinAboutASecondWithoutAWritePerMessage()
    {
        var (me, a) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(me, a);
        var (created, versionBefore) = await ReadStoredUserAsync(me);
        Assert.Null(created.Conversations[id].LastMessageAt);

        MessageView last = null!;
        for (var i = 0; i < 20; i++)
        {
            last = (await Conversation(id).SendAsync(a, Message($"burst {i}"))).Message;
        }

        await EventuallyAsync(
            async () => Assert.Equal(last.SentAt, (await ReadStoredUserAsync(me)).State.Conversations[id].LastMessageAt),
            timeoutMilliseconds: 5_000);
        var writes = (await ReadStoredUserAsync(me)).Version - versionBefore;
        Assert.InRange(writes, 1, 5);
    }
}
