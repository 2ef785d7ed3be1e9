using Grains.Interfaces;
using Grains.Tests.Clusters;
using Orleans.TestingHost;

namespace Grains.Tests.Domain;

/// <summary>
/// Conversations come back on other silos with their seq, their dedup keys, their messages and their
/// membership. Each test starts a cluster of its own, because it stops or kills silos. The grains are
/// first moved onto a secondary silo: the TestCluster's primary silo holds its membership table.
/// </summary>
public abstract class ConversationRecoveryTests(MessagingClusterFixture cluster) : DomainTest(cluster), IAsyncLifetime
{
    private TestCluster _own = null!;

    protected override IGrainFactory Client => _own.Client;

    public async Task InitializeAsync() => _own = await Cluster.StartClusterAsync(MessagingClusterFixture.SiloCount);

    public async Task DisposeAsync() => await _own.DisposeAsync();

    [Fact]
    public async Task AConversationMovedToAnotherSiloContinuesItsSeqAndRemembersClientMessageIds()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var first = (await Conversation(id).SendAsync(owner, Message("one", "c1"))).Message;
        var second = (await Conversation(id).SendAsync(member, Message("two"))).Message;
        var leaving = await GatherOnOneSecondaryAsync(Conversation(id));

        await _own.StopSiloAsync(leaving);

        var view = await GrainCalls.IdempotentAsync(() => Conversation(id).GetAsync(owner));
        Assert.Equal(second.SentAt, view.LastMessageAt);
        Assert.NotEqual(leaving.SiloAddress, _own.HostOf(Conversation(id))?.SiloAddress);
        var replay = await GrainCalls.IdempotentAsync(() => Conversation(id).SendAsync(owner, Message("one again", "c1")));
        var third = await GrainCalls.OnceAsync(() => Conversation(id).SendAsync(owner, Message("three")));
        Assert.Equal((false, first.MessageId), (replay.Created, replay.Message.MessageId));
        Assert.Equal(3, third.Message.Seq);
        Assert.True(third.Message.SentAt >= second.SentAt);
    }

    [Fact]
    public async Task KillingTheSiloOfAConversationAndItsUsersLosesNeitherMessagesNorMembership()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var sends = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Conversation(id).SendAsync(i % 2 == 0 ? owner : member, Message($"m{i}", $"c{i}"))));
        var victim = await GatherOnOneSecondaryAsync(Conversation(id), User(owner), User(member));

        await _own.KillSiloAsync(victim);

        var stored = await GrainCalls.IdempotentAsync(() => AllMessagesAsync(id, member));
        Assert.Equal(sends.Select(s => s.Message.MessageId).Order(), stored.Select(m => m.MessageId).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(m => m.Seq));
        var after = await GrainCalls.IdempotentAsync(() => Conversation(id).SendAsync(owner, Message("after", "c-after")));
        Assert.Equal((true, 21L), (after.Created, after.Message.Seq));
        foreach (var user in new[] { owner, member })
        {
            var page = await GrainCalls.IdempotentAsync(() => User(user).ListConversationsAsync(ListQuery()));
            Assert.Equal([id], page.ConversationIds);
        }
    }

    [Fact]
    public async Task KillingTheSiloOfAUserLosesNoEventAndNoUnreadMessage()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var victim = await GatherOnOneSecondaryAsync(User(member));

        // Sent after the move, so that the member's stored state has not caught up with its events when
        // the silo dies: the unread count must come back from the event log.
        for (var i = 0; i < 10; i++)
        {
            await Conversation(id).SendAsync(owner, Message($"m{i}"));
        }

        var before = await User(member).GetEventsAsync(0, 100);
        await _own.KillSiloAsync(victim);

        var after = await GrainCalls.IdempotentAsync(() => User(member).GetEventsAsync(0, 100));
        Assert.Equal(Summary(before), Summary(after));
        Assert.Equal(new ReadMarker(id, 0, 10), await GrainCalls.IdempotentAsync(() => User(member).GetReadMarkerAsync(id)));
        await GrainCalls.IdempotentAsync(() => Conversation(id).SendAsync(owner, Message("after", "c-after")));
        var next = await GrainCalls.IdempotentAsync(() => User(member).GetEventsAsync(before.LastCursor, 100));
        Assert.Equal([(before.LastCursor + 1, UserEventTypes.MessageCreated, "after")], next.Events.Select(e => (e.Cursor, e.Type, e.Message?.MessageBody)));
        Assert.Equal(new ReadMarker(id, 0, 11), await User(member).GetReadMarkerAsync(id));

        static (long, string, Guid?)[] Summary(EventBatch batch) => [.. batch.Events.Select(e => (e.Cursor, e.Type, e.Message?.MessageId))];
    }

    /// <summary>Moves every grain onto the same secondary silo and returns that silo.</summary>
    private async Task<SiloHandle> GatherOnOneSecondaryAsync(params IAddressable[] grains)
    {
        var target = _own.SecondarySilos[0];
        foreach (var grain in grains)
        {
            await _own.MoveToAsync(grain, target);
        }

        Assert.All(grains, grain => Assert.Equal(target.SiloAddress, _own.HostOf(grain)?.SiloAddress));
        return target;
    }
}
