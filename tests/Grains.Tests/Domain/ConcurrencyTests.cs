using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConcurrencyTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private const int Sends = 100;

    [Fact]
    public async Task ConcurrentSendsThroughDifferentSilosGetGapFreeUniqueSeqsAndAreAllPersisted()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var entries = Cluster.SiloFactories.Append(Client).ToArray();

        // 100 at once: each send holds the conversation's turn until its message and its events are durable
        // (two commits), so a burst of 200 into one conversation queues past the 3 s call timeout on a busy
        // 2-core machine (bench/README: one conversation takes about 80 sends a second).
        var sends = Enumerable.Range(0, Sends).Select(i =>
            entries[i % entries.Length].GetGrain<IConversationGrain>(conversationId)
                .SendAsync(i % 2 == 0 ? owner : member, Message($"message {i}", $"client-{i}")));
        var results = await Task.WhenAll(sends);

        Assert.All(results, result => Assert.True(result.Created));
        Assert.Equal(Enumerable.Range(1, Sends).Select(i => (long)i), results.Select(r => r.Message.Seq).Order());

        var stored = await AllMessagesAsync(conversationId, member);
        Assert.Equal(Enumerable.Range(1, Sends).Select(i => (long)i), stored.Select(m => m.Seq));
        Assert.Equal(
            results.OrderBy(r => r.Message.Seq).Select(r => (r.Message.MessageId, r.Message.MessageBody)),
            stored.Select(m => (m.MessageId, m.MessageBody)));
        var sentAts = stored.Select(m => m.SentAt).ToList();
        Assert.Equal(sentAts.Order(), sentAts);
    }

    [Fact]
    public async Task ConcurrentReplaysOfOneClientMessageIdStoreOneMessage()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var entries = Cluster.SiloFactories.Append(Client).ToArray();

        var results = await Task.WhenAll(Enumerable.Range(0, 30).Select(i =>
            entries[i % entries.Length].GetGrain<IConversationGrain>(conversationId).SendAsync(owner, Message("once", "same-id"))));

        Assert.Single(results, r => r.Created);
        Assert.Single(results.Select(r => r.Message.MessageId).Distinct());
        Assert.Single(await AllMessagesAsync(conversationId, owner));
    }
}
