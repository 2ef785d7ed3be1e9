using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConcurrencyTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task ConcurrentSendsThroughDifferentSilosGetGapFreeUniqueSeqsAndAreAllPersisted()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var entries = Cluster.SiloFactories.Append(Client).ToArray();

        var sends = Enumerable.Range(0, 200).Select(i =>
            entries[i % entries.Length].GetGrain<IConversationGrain>(conversationId)
                .SendAsync(i % 2 == 0 ? owner : member, Message($"message {i}", $"client-{i}")));
        var results = await Task.WhenAll(sends);

        Assert.All(results, result => Assert.True(result.Created));
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), results.Select(r => r.Message.Seq).Order());

        var stored = await AllMessagesAsync(conversationId, member);
        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), stored.Select(m => m.Seq));
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
