using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class MessageQueryTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private async Task<(Guid Conversation, Guid Owner, Guid Member, List<MessageView> Sent)> ConversationWith25MessagesAsync()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var sent = new List<MessageView>();
        for (var i = 1; i <= 25; i++)
        {
            sent.Add((await Conversation(id).SendAsync(i % 3 == 0 ? member : owner, Message($"message {i}"))).Message);
            if (i % 5 == 0)
            {
                await Task.Delay(5);
            }
        }

        return (id, owner, member, sent);
    }

    private static long[] Seqs(MessagePage page) => page.Results.Select(m => m.Seq).ToArray();

    private static long[] Range(long from, long to) =>
        from <= to
            ? Enumerable.Range((int)from, (int)(to - from + 1)).Select(i => (long)i).ToArray()
            : Enumerable.Range((int)to, (int)(from - to + 1)).Select(i => (long)i).Reverse().ToArray();

    [Fact]
    public async Task PagesGoNewestFirstWithTheTotalCount()
    {
        var (id, owner, _, _) = await ConversationWith25MessagesAsync();

        var first = await Conversation(id).ListMessagesAsync(owner, Query(offset: 0, limit: 20, descending: true));
        var second = await Conversation(id).ListMessagesAsync(owner, Query(offset: 20, limit: 20, descending: true));
        var past = await Conversation(id).ListMessagesAsync(owner, Query(offset: 40, limit: 20, descending: true));

        Assert.Equal(25, first.Count);
        Assert.Equal(Range(25, 6), Seqs(first));
        Assert.Equal(25, second.Count);
        Assert.Equal(Range(5, 1), Seqs(second));
        Assert.Empty(past.Results);
    }

    [Fact]
    public async Task AscendingOrderGoesOldestFirst()
    {
        var (id, owner, _, sent) = await ConversationWith25MessagesAsync();

        var page = await Conversation(id).ListMessagesAsync(owner, Query(offset: 10, limit: 5));

        Assert.Equal(Range(11, 15), Seqs(page));
        Assert.Equal(sent.Skip(10).Take(5), page.Results);
    }

    [Fact]
    public async Task AfterSeqAndBeforeSeqAreExclusiveBounds()
    {
        var (id, owner, _, _) = await ConversationWith25MessagesAsync();

        var after = await Conversation(id).ListMessagesAsync(owner, Query(afterSeq: 10));
        var before = await Conversation(id).ListMessagesAsync(owner, Query(beforeSeq: 10, descending: true, limit: 3));
        var between = await Conversation(id).ListMessagesAsync(owner, Query(afterSeq: 10, beforeSeq: 14));

        Assert.Equal(15, after.Count);
        Assert.Equal(Range(11, 25), Seqs(after));
        Assert.Equal(9, before.Count);
        Assert.Equal(Range(9, 7), Seqs(before));
        Assert.Equal(Range(11, 13), Seqs(between));
    }

    [Fact]
    public async Task TheSenderFilterKeepsOnlyThatSendersMessages()
    {
        var (id, owner, member, sent) = await ConversationWith25MessagesAsync();

        var page = await Conversation(id).ListMessagesAsync(owner, Query(sender: member));

        Assert.Equal(sent.Where(m => m.Sender.UserId == member).Select(m => m.Seq), Seqs(page));
        Assert.Equal(8, page.Count);
        Assert.All(page.Results, m => Assert.Equal(member, m.Sender.UserId));
        Assert.Equal(0, (await Conversation(id).ListMessagesAsync(owner, Query(sender: Guid.NewGuid()))).Count);
    }

    [Fact]
    public async Task SentAfterAndSentBeforeAreInclusiveBoundsThatMatchReturnedTimestamps()
    {
        var (id, owner, _, sent) = await ConversationWith25MessagesAsync();
        var from = sent[5].SentAt;
        var to = sent[19].SentAt;

        var page = await Conversation(id).ListMessagesAsync(owner, Query(sentAfter: from, sentBefore: to));
        var exact = await Conversation(id).ListMessagesAsync(owner, Query(sentAfter: to, sentBefore: to));

        Assert.Equal(sent.Where(m => m.SentAt >= from && m.SentAt <= to).Select(m => m.Seq), Seqs(page));
        Assert.Contains(sent[5].Seq, Seqs(page));
        Assert.Contains(sent[19].Seq, Seqs(page));
        Assert.Contains(sent[19].Seq, Seqs(exact));
    }

    [Fact]
    public async Task FiltersCombine()
    {
        var (id, owner, member, sent) = await ConversationWith25MessagesAsync();

        var page = await Conversation(id).ListMessagesAsync(owner, Query(sender: owner, afterSeq: 5, beforeSeq: 20, sentAfter: sent[7].SentAt, descending: true, limit: 4, offset: 1));

        var expected = sent.Where(m => m.Sender.UserId == owner && m.Seq is > 5 and < 20 && m.SentAt >= sent[7].SentAt)
            .OrderByDescending(m => m.Seq).ToList();
        Assert.Equal(expected.Count, page.Count);
        Assert.Equal(expected.Skip(1).Take(4).Select(m => m.Seq), Seqs(page));
        Assert.DoesNotContain(page.Results, m => m.Sender.UserId == member);
    }

    [Fact]
    public async Task DeletedMessagesLeaveListsAndCounts()
    {
        var (id, owner, _, sent) = await ConversationWith25MessagesAsync();

        await Conversation(id).DeleteMessageAsync(owner, sent[24].MessageId);
        await Conversation(id).DeleteMessageAsync(owner, sent[0].MessageId);
        var page = await Conversation(id).ListMessagesAsync(owner, Query(descending: true, limit: 5));

        Assert.Equal(23, page.Count);
        Assert.Equal(Range(24, 20), Seqs(page));
        var next = await Conversation(id).SendAsync(owner, Message("after deletes"));
        Assert.Equal(26, next.Message.Seq);
    }

    [Fact]
    public async Task PagesAreExactPastTheMessagesKeptInMemory()
    {
        // More messages than the grain keeps in memory, deletions and an edit on both sides of that
        // boundary, and then a new activation, which loads the newest messages again.
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        var total = ConversationGrain.CachedMessages + 25;
        var sent = new List<MessageView>();
        for (var i = 1; i <= total; i++)
        {
            sent.Add((await Conversation(id).SendAsync(owner, Message($"message {i}"))).Message);
        }

        Assert.Equal(Range(total, total - 19), Seqs(await Conversation(id).ListMessagesAsync(owner, Query(descending: true, limit: 20))));
        foreach (var index in new[] { total - 1, total - 5, 10, 0 })
        {
            await Conversation(id).DeleteMessageAsync(member == sent[index].Sender.UserId ? member : owner, sent[index].MessageId);
        }

        var edited = await Conversation(id).EditMessageAsync(owner, sent[total - 2].MessageId, "edited");
        sent[total - 2] = edited;
        var live = sent.Where((_, i) => i is not (0 or 10) && i != total - 1 && i != total - 5).ToList();

        async Task AssertPagesAsync()
        {
            foreach (var (offset, limit) in new[] { (0, 20), (20, 20), (0, 100), (60, 20), (5, 3) })
            {
                var descending = await Conversation(id).ListMessagesAsync(member, Query(offset: offset, limit: limit, descending: true));
                Assert.Equal(live.Count, descending.Count);
                Assert.Equal(Enumerable.Reverse(live).Skip(offset).Take(limit), descending.Results);
            }

            var before = await Conversation(id).ListMessagesAsync(member, Query(beforeSeq: total - 3, descending: true, limit: 10));
            Assert.Equal(live.Count(m => m.Seq < total - 3), before.Count);
            Assert.Equal(live.Where(m => m.Seq < total - 3).OrderByDescending(m => m.Seq).Take(10), before.Results);
            var after = await Conversation(id).ListMessagesAsync(member, Query(afterSeq: 5, limit: 100));
            Assert.Equal(live.Where(m => m.Seq > 5), after.Results);
            Assert.Equal(live.Count(m => m.Seq > 5), after.Count);
            Assert.Equal("edited", (await Conversation(id).GetMessageAsync(member, edited.MessageId)).MessageBody);
            await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetMessageAsync(member, sent[total - 1].MessageId));
        }

        await AssertPagesAsync();
        // A new activation: every grain idle for a moment is collected, this one included.
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        await Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromMilliseconds(250));
        await AssertPagesAsync();
    }

    [Theory]
    [InlineData(-1, 20, "offset")]
    [InlineData(0, 0, "limit")]
    [InlineData(0, 101, "limit")]
    public async Task OutOfRangePagingIsRefused(int offset, int limit, string field)
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).ListMessagesAsync(owner, Query(offset: offset, limit: limit)));

        Assert.Contains(field, error.Errors!.Keys);
    }

    [Fact]
    public async Task SentAtIsMillisecondPreciseAndLastMessageAtFollowsSends()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        var first = (await Conversation(id).SendAsync(owner, Message("one"))).Message;
        var second = (await Conversation(id).SendAsync(member, Message("two"))).Message;
        await Conversation(id).EditMessageAsync(owner, first.MessageId, "one, edited");

        Assert.Equal(0, first.SentAt.Ticks % TimeSpan.TicksPerMillisecond);
        Assert.True(second.SentAt >= first.SentAt);
        Assert.Equal(second.SentAt, (await Conversation(id).GetAsync(owner)).LastMessageAt);
        Assert.Equal(new SenderView(member, (await User(member).GetAsync()).Username), second.Sender);
    }
}
