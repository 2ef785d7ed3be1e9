using Grains.Interfaces;

namespace Grains.Tests.Domain;

/// <summary>Grains come back on other silos; each test has its own cluster because it changes the topology.</summary>
public sealed class ConversationRecoveryTests() : DomainTest(new ClusterFixture()), IAsyncLifetime
{
    public Task InitializeAsync() => Cluster.InitializeAsync();

    public Task DisposeAsync() => Cluster.DisposeAsync();

    [Fact]
    public async Task AConversationMovedToAnotherSiloContinuesItsSeqAndRemembersClientMessageIds()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var first = (await Conversation(id).SendAsync(owner, Message("one", "c1"))).Message;
        var second = (await Conversation(id).SendAsync(member, Message("two"))).Message;

        await MoveEverythingToANewSiloAsync(kill: false);

        Assert.Equal(second.SentAt, (await Conversation(id).GetAsync(owner)).LastMessageAt);
        var replay = await Conversation(id).SendAsync(owner, Message("one again", "c1"));
        var third = await Conversation(id).SendAsync(owner, Message("three"));
        Assert.Equal((false, first.MessageId), (replay.Created, replay.Message.MessageId));
        Assert.Equal(3, third.Message.Seq);
        Assert.True(third.Message.SentAt >= second.SentAt);
    }

    [Fact]
    public async Task KillingEverySiloLosesNeitherMessagesNorMembership()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var sends = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            Conversation(id).SendAsync(i % 2 == 0 ? owner : member, Message($"m{i}", $"c{i}"))));

        await MoveEverythingToANewSiloAsync(kill: true);

        var stored = await AllMessagesAsync(id, member);
        Assert.Equal(sends.Select(s => s.Message.MessageId).Order(), stored.Select(m => m.MessageId).Order());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(21, (await Conversation(id).SendAsync(owner, Message("after"))).Message.Seq);
        foreach (var user in new[] { owner, member })
        {
            Assert.Equal([id], (await User(user).ListConversationsAsync(ListQuery())).ConversationIds);
        }
    }

    private async Task MoveEverythingToANewSiloAsync(bool kill)
    {
        var old = Cluster.Cluster.Silos.ToList();
        await Cluster.Cluster.StartSiloAsync();
        foreach (var silo in old)
        {
            await (kill ? Cluster.Cluster.KillSiloAsync(silo) : Cluster.Cluster.StopSiloAsync(silo));
        }

        await Cluster.Cluster.WaitForConvergenceAsync();
    }
}
