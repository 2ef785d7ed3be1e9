using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConcurrencyTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private const int Sends = 200;

    [Fact]
    public async Task ConcurrentSendsThroughDifferentSilosGetGapFreeUniqueSeqsAndAreAllPersisted()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var entries = Cluster.SiloFactories.Append(Client).ToArray();

        // 200 at once, into one conversation: the sends that queue up are committed in batches.
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

        // Every participant's stream has the messages once each, in seq order: of the newest events that
        // the test cluster's short retention keeps, the messages are consecutive and end with the last one.
        foreach (var user in new[] { owner, member })
        {
            var last = (await User(user).GetEventsAsync(long.MaxValue, 1)).LastCursor;
            var recent = (await EventsAsync(user, last - ClusterSettings.RetainedEvents))
                .Where(e => e.Type == UserEventTypes.MessageCreated).Select(e => e.Message!.Seq).ToList();
            Assert.True(recent.Count >= ClusterSettings.RetainedEvents / 2, $"{recent.Count} messages among the newest events");
            Assert.Equal(Enumerable.Range(Sends - recent.Count + 1, recent.Count).Select(i => (long)i), recent);
        }
    }

    [Fact]
    public async Task ARemovalAmongConcurrentSendsCutsTheRemovedMemberOffAtOnePoint()
    {
        var (owner, member, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member, other);
        var conversation = Conversation(conversationId);

        // Few enough that the test cluster's short retention keeps every event of both streams.
        List<Task<SendResult>> Burst(int count) =>
            [.. Enumerable.Range(0, count).Select(i => conversation.SendAsync(i % 2 == 0 ? member : other, Message($"message {i}")))];
        var sends = Burst(16);
        var removal = conversation.RemoveParticipantAsync(owner, member);
        sends.AddRange(Burst(16));
        await removal;
        await Task.WhenAll(sends.Select(send => send.ContinueWith(_ => { }, TaskScheduler.Default)));

        // Each send either was stored and acknowledged, or refused (only the removed member's) and not stored.
        var acknowledged = sends.Where(send => send.IsCompletedSuccessfully).Select(send => send.Result.Message).ToList();
        Assert.All(
            sends.Where(send => !send.IsCompletedSuccessfully),
            send => Assert.IsType<NotAllowedException>(send.Exception?.InnerException));
        Assert.Equal(16, acknowledged.Count(m => m.Sender.UserId == other));
        var stored = await AllMessagesAsync(conversationId, owner);
        Assert.Equal(acknowledged.Select(m => m.MessageId).Order(), stored.Select(m => m.MessageId).Order());
        Assert.Equal(Enumerable.Range(1, stored.Count).Select(i => (long)i), stored.Select(m => m.Seq));

        // The removed user's stream ends the conversation once, and has none of its messages after that.
        var memberEvents = await EventsAsync(member);
        var removedAt = Assert.Single(memberEvents, e => e.Type == UserEventTypes.ConversationDeleted).Cursor;
        Assert.DoesNotContain(memberEvents, e => e.Cursor > removedAt && e.Message?.ConversationId == conversationId);
        var delivered = memberEvents.Where(e => e.Type == UserEventTypes.MessageCreated).Select(e => e.Message!.Seq).ToList();
        Assert.Equal(stored.Select(m => m.Seq).Take(delivered.Count), delivered);
        Assert.True(stored.Where(m => m.Seq > delivered.LastOrDefault()).All(m => m.Sender.UserId == other), "a message of the member's after the removal");
        var othersDelivered = (await EventsAsync(other)).Where(e => e.Type == UserEventTypes.MessageCreated).Select(e => e.Message!.Seq);
        Assert.Equal(stored.Select(m => m.Seq), othersDelivered);
    }

    [Fact]
    public async Task MarkingReadWhileMessagesArriveKeepsTheUnreadCountExact()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(alice, bob);
        var conversation = Conversation(conversationId);
        await conversation.SendAsync(alice, Message("first"));

        // Alice sends 100 while bob keeps marking the newest seq he has seen as read.
        var sends = Enumerable.Range(0, 100).Select(i => conversation.SendAsync(alice, Message($"message {i}"))).ToList();
        var marks = new List<Task<ReadMarker>>();
        var seen = 1L;
        while (sends.Any(send => !send.IsCompleted))
        {
            marks.Add(conversation.MarkReadAsync(bob, seen));
            seen = Math.Max(seen, sends.Where(send => send.IsCompletedSuccessfully).Select(send => send.Result.Message.Seq).DefaultIfEmpty(1).Max());
            await Task.Delay(5);
        }

        await Task.WhenAll(sends);
        await Task.WhenAll(marks);
        var marker = await User(bob).GetReadMarkerAsync(conversationId);

        Assert.NotNull(marker);
        Assert.Equal(101 - marker.LastReadSeq, marker.UnreadCount);
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
