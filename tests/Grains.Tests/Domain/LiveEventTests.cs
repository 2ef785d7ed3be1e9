using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

/// <summary>
/// The user's event stream and read markers as the grains keep them: what each participant's stream holds
/// once a request has returned, unread counts, retention, observers and tickets.
/// </summary>
public abstract class LiveEventTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private static string[] Types(IEnumerable<UserEvent> events) => [.. events.Select(e => e.Type)];

    [Fact]
    public async Task ASendIsInEveryParticipantsStreamWhenItReturns()
    {
        var (alice, bob, carol) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);

        var sent = (await Conversation(id).SendAsync(alice, Message("hello"))).Message;

        var bobs = await EventsAsync(bob);
        Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated], Types(bobs));
        Assert.Equal([1L, 2L], bobs.Select(e => e.Cursor));
        Assert.Equal(sent, bobs[1].Message);
        Assert.Equal(id, bobs[0].Conversation!.ConversationId);
        var alices = await EventsAsync(alice);
        Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated, UserEventTypes.ReadUpdated], Types(alices));
        Assert.Equal(new ReadMarker(id, 1, 0), alices[2].Read);
        Assert.Empty(await EventsAsync(carol));
    }

    [Fact]
    public async Task EditsDeletionsAndRenamesReachEveryParticipant()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        var sent = (await Conversation(id).SendAsync(alice, Message("helo"))).Message;
        var after = (await EventsAsync(bob))[^1].Cursor;

        var edited = await Conversation(id).EditMessageAsync(alice, sent.MessageId, "hello");
        await Conversation(id).DeleteMessageAsync(alice, sent.MessageId);
        await Conversation(id).RenameAsync(alice, "Renamed");

        var events = await EventsAsync(bob, after);
        Assert.Equal([UserEventTypes.MessageUpdated, UserEventTypes.MessageDeleted, UserEventTypes.ConversationUpdated], Types(events));
        Assert.Equal(edited, events[0].Message);
        Assert.Equal(new MessageDeletedData(id, sent.MessageId, 1), events[1].MessageDeleted);
        Assert.Equal("Renamed", events[2].Conversation!.Title);
    }

    [Fact]
    public async Task AUserWhoLeavesGetsConversationDeletedAndNothingOfItAfterwards()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        await Conversation(id).SendAsync(alice, Message("before"));

        await Conversation(id).RemoveParticipantAsync(alice, bob);
        await Conversation(id).SendAsync(alice, Message("after"));
        await Conversation(id).RenameAsync(alice, "Without bob");

        var events = await EventsAsync(bob);
        Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated, UserEventTypes.ConversationDeleted], Types(events));
        Assert.Equal(id, events[2].ConversationDeleted!.ConversationId);
        Assert.DoesNotContain(events, e => e.Message?.MessageBody == "after");
        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).MarkReadAsync(bob, 1));
    }

    [Fact]
    public async Task ARetriedSendAddsNoSecondEvent()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);

        await Conversation(id).SendAsync(alice, Message("once", "client-1"));
        var replay = await Conversation(id).SendAsync(alice, Message("once", "client-1"));

        Assert.False(replay.Created);
        Assert.Single(await EventsAsync(bob), e => e.Type == UserEventTypes.MessageCreated);
    }

    /// <summary>Alice and bob's conversation with alice's first message, and notices of her messages at any seq, as its grain would send them.</summary>
    private async Task<(Guid Id, Guid Bob, Func<long, MessageNotice> Notice)> ConversationWithNoticesAsync()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        var first = (await Conversation(id).SendAsync(alice, Message("one"))).Message;
        return (id, bob, seq =>
            new(UserEventTypes.MessageCreated, id, Guid.NewGuid(), seq, alice, first.SentAt, first with { Seq = seq, MessageBody = $"m{seq}" }));
    }

    [Fact]
    public async Task AMessageWhoseDeliveryFailedArrivesWhenItsSendIsRetriedEvenAfterLaterOnes()
    {
        var (id, bob, notice) = await ConversationWithNoticesAsync();

        // As if the conversation had told bob of 3 but not of 2 (that send failed half way), then retried 2.
        await User(bob).MessagesChangedAsync([notice(3)]);
        await User(bob).MessagesChangedAsync([notice(2)]);
        await User(bob).MessagesChangedAsync([notice(2)]);
        await User(bob).MessagesChangedAsync([notice(3)]);

        var seqs = (await EventsAsync(bob)).Where(e => e.Type == UserEventTypes.MessageCreated).Select(e => e.Message!.Seq);
        Assert.Equal([1L, 3, 2], seqs);
        Assert.Equal(new ReadMarker(id, 0, 3), await User(bob).GetReadMarkerAsync(id));
    }

    [Fact]
    public async Task RepeatedNoticesArrivingTogetherAreDeliveredOnceEach()
    {
        var (id, bob, notice) = await ConversationWithNoticesAsync();

        // One batch of notices, and two calls at once (they interleave and share the user grain's appends).
        await Task.WhenAll(
            User(bob).MessagesChangedAsync([notice(3), notice(2), notice(2), notice(3)]),
            User(bob).MessagesChangedAsync([notice(3), notice(4)]));

        var seqs = (await EventsAsync(bob)).Where(e => e.Type == UserEventTypes.MessageCreated).Select(e => e.Message!.Seq).ToList();
        Assert.Equal([1L, 2, 3, 4], seqs.Order());
        Assert.Equal(new ReadMarker(id, 0, 4), await User(bob).GetReadMarkerAsync(id));
    }

    [Fact]
    public async Task UnreadCountsFollowOthersMessagesDeletionsAndMarkers()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        var sent = new List<MessageView>();
        for (var i = 1; i <= 4; i++)
        {
            sent.Add((await Conversation(id).SendAsync(alice, Message($"m{i}"))).Message);
        }

        Assert.Equal(new ReadMarker(id, 0, 4), await User(bob).GetReadMarkerAsync(id));
        Assert.Equal(new ReadMarker(id, 4, 0), await User(alice).GetReadMarkerAsync(id));

        Assert.Equal(new ReadMarker(id, 1, 3), await Conversation(id).MarkReadAsync(bob, 1));
        await Conversation(id).DeleteMessageAsync(alice, sent[3].MessageId);
        await Conversation(id).DeleteMessageAsync(alice, sent[0].MessageId);
        Assert.Equal(new ReadMarker(id, 1, 2), await User(bob).GetReadMarkerAsync(id));

        // A lower seq leaves the marker where it is.
        Assert.Equal(new ReadMarker(id, 1, 2), await Conversation(id).MarkReadAsync(bob, 1));

        // Bob's own message moves his marker past everything.
        var own = (await Conversation(id).SendAsync(bob, Message("read it all"))).Message;
        Assert.Equal(new ReadMarker(id, own.Seq, 0), await User(bob).GetReadMarkerAsync(id));
        Assert.Equal(new ReadMarker(id, own.Seq - 1, 1), await Conversation(id).MarkReadAsync(alice, own.Seq - 1));
    }

    [Fact]
    public async Task MarkingReadCountsOnlyLiveMessagesOfOthersAboveTheMarker()
    {
        var (alice, bob, carol) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob, carol);
        var sent = new List<MessageView>();
        for (var i = 1; i <= 60; i++)
        {
            sent.Add((await Conversation(id).SendAsync(i % 4 == 0 ? carol : i % 2 == 0 ? bob : alice, Message($"m{i}"))).Message);
        }

        await Conversation(id).DeleteMessageAsync(alice, sent[2].MessageId);
        await Conversation(id).DeleteMessageAsync(alice, sent[58].MessageId);

        // Carol's marker is at her last message (60); bob's at 58. Below the newest messages the
        // conversation keeps in memory, the count comes from the journal; above, from memory.
        Assert.Equal(new ReadMarker(id, 60, 0), await User(carol).GetReadMarkerAsync(id));
        Assert.Equal(new ReadMarker(id, 58, 1), await User(bob).GetReadMarkerAsync(id));
        var late = await NewUserAsync();
        await Conversation(id).AddParticipantAsync(alice, new AddParticipant(late, ParticipantRole.Member));
        Assert.Equal(new ReadMarker(id, 0, 58), await User(late).GetReadMarkerAsync(id));
        Assert.Equal(new ReadMarker(id, 2, 56), await Conversation(id).MarkReadAsync(late, 2));
        Assert.Equal(new ReadMarker(id, 50, 9), await Conversation(id).MarkReadAsync(late, 50));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(3)]
    public async Task AMarkerOutsideTheConversationsSeqsIsInvalid(long seq)
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        await Conversation(id).SendAsync(alice, Message("one"));
        await Conversation(id).SendAsync(alice, Message("two"));

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).MarkReadAsync(bob, seq));

        Assert.Contains("seq", error.Errors!.Keys);
        Assert.Equal(new ReadMarker(id, 0, 2), await User(bob).GetReadMarkerAsync(id));
    }

    [Fact]
    public async Task AStrangerCannotMarkReadOrLearnAMarker()
    {
        var (alice, bob, mallory) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        await Conversation(id).SendAsync(alice, Message("private"));

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).MarkReadAsync(mallory, 1));
        Assert.Null(await User(mallory).GetReadMarkerAsync(id));
        Assert.Empty(await EventsAsync(mallory));
    }

    [Fact]
    public async Task ANewParticipantStartsWithEveryEarlierMessageOfOthersUnread()
    {
        var (alice, bob, carol) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        for (var i = 1; i <= 3; i++)
        {
            await Conversation(id).SendAsync(i == 2 ? bob : alice, Message($"m{i}"));
        }

        await Conversation(id).AddParticipantAsync(alice, new AddParticipant(carol, ParticipantRole.Member));

        var joined = Assert.Single(await EventsAsync(carol));
        Assert.Equal(UserEventTypes.ConversationCreated, joined.Type);
        Assert.Equal((0L, 3L), (joined.Conversation!.LastReadSeq, joined.Conversation.UnreadCount));
        Assert.Equal(new ReadMarker(id, 0, 3), await User(carol).GetReadMarkerAsync(id));
        var updated = (await EventsAsync(bob))[^1];
        Assert.Equal(UserEventTypes.ConversationUpdated, updated.Type);
        Assert.Equal((2L, 1L), (updated.Conversation!.LastReadSeq, updated.Conversation.UnreadCount));
    }

    [Fact]
    public async Task ListingUnreadOnlyKeepsConversationsWithUnreadMessages()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var quiet = await NewConversationAsync(alice, bob);
        var busy = await NewConversationAsync(alice, bob);
        var read = await NewConversationAsync(alice, bob);
        await Conversation(busy).SendAsync(alice, Message("news"));
        await Conversation(read).SendAsync(alice, Message("old news"));
        await Conversation(read).MarkReadAsync(bob, 1);

        var unread = await User(bob).ListConversationsAsync(ListQuery() with { UnreadOnly = true });
        var all = await User(bob).ListConversationsAsync(ListQuery());

        Assert.Equal([busy], unread.ConversationIds);
        Assert.Equal([new ReadMarker(busy, 0, 1)], unread.ReadMarkers);
        Assert.Equal(3, all.Count);
        Assert.Contains(quiet, all.ConversationIds);
        Assert.Equal(all.ConversationIds, all.ReadMarkers.Select(m => m.ConversationId));
    }

    [Fact]
    public async Task EventsPastRetentionAnswerResyncAndNewerOnesStayExact()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(alice, bob);
        for (var i = 1; i <= 3 * ClusterSettings.RetainedEvents; i++)
        {
            await Conversation(id).SendAsync(alice, Message($"m{i}"));
        }

        var last = (await User(bob).GetEventsAsync(0, 1)).LastCursor;
        var old = await User(bob).GetEventsAsync(1, 10);
        var recent = await EventsAsync(bob, last - ClusterSettings.RetainedEvents);

        Assert.Equal((true, last), (old.Resync, old.LastCursor));
        Assert.Empty(old.Events);
        Assert.Equal(
            Enumerable.Range((int)(last - ClusterSettings.RetainedEvents + 1), ClusterSettings.RetainedEvents).Select(i => (long)i),
            recent.Select(e => e.Cursor));
        Assert.True((await User(bob).GetEventsAsync(last + 5, 10)).Resync);
    }

    [Fact]
    public async Task ASubscribedObserverHearsEachEventAsItIsAppended()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var observer = new RecordingObserver();
        var reference = Cluster.Client.CreateObjectReference<IUserEventObserver>(observer);
        try
        {
            var cursor = await User(bob).SubscribeAsync(reference);
            var id = await NewConversationAsync(alice, bob);
            await Conversation(id).SendAsync(alice, Message("live"));

            await EventuallyAsync(() =>
            {
                Assert.Equal([cursor + 1, cursor + 2], observer.Received.Select(e => e.Cursor).Order());
                return Task.CompletedTask;
            });
            Assert.Contains(observer.Received, e => e.Message?.MessageBody == "live");
            await User(bob).UnsubscribeAsync(reference);
            await Conversation(id).SendAsync(alice, Message("unheard"));
            await Task.Delay(200);
            Assert.Equal(2, observer.Received.Count);
        }
        finally
        {
            Cluster.Client.DeleteObjectReference<IUserEventObserver>(reference);
        }
    }

    [Fact]
    public async Task ATicketWorksOnceForItsUserOnly()
    {
        var (alice, bob) = (await NewUserAsync(), await NewUserAsync());
        var ticket = await User(alice).IssueEventTicketAsync();

        Assert.False(await User(bob).RedeemEventTicketAsync(ticket));
        Assert.True(await User(alice).RedeemEventTicketAsync(ticket));
        Assert.False(await User(alice).RedeemEventTicketAsync(ticket));
        Assert.False(await User(alice).RedeemEventTicketAsync(ticket[..^1] + "0"));
    }

    private sealed class RecordingObserver : IUserEventObserver
    {
        private readonly List<UserEvent> _received = [];

        public IReadOnlyList<UserEvent> Received
        {
            get
            {
                lock (_received)
                {
                    return [.. _received];
                }
            }
        }

        public void EventAppended(UserEvent userEvent)
        {
            lock (_received)
            {
                _received.Add(userEvent);
            }
        }
    }
}
