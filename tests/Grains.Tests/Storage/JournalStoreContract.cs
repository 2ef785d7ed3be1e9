using System.Globalization;
using System.Text;
using Grains.Journal;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grains.Tests.Storage;

/// <summary>
/// What every <see cref="IJournalStore"/> must do: appends keyed by (stream, seq) that refuse taken keys and
/// write nothing then, deletions that keep their seq, and filtered, paged, counted queries.
/// </summary>
public abstract class JournalStoreContract : StorageContract
{
    private static readonly DateTimeOffset BaseTime = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    private IJournalStore Store => Services.GetRequiredService<IJournalStore>();

    /// <summary>Transactions the provider has committed appends in so far (it counts them for this test).</summary>
    protected abstract long AppendCommits { get; }

    [Fact]
    public async Task AppendsArrivingTogetherShareCommitsAndARefusedAppendFailsAlone()
    {
        var taken = Row(1, BaseTime, author: "first");
        var takenStream = UniqueName("taken");
        await Store.AppendAsync(takenStream, taken, CancellationToken.None);
        var commitsBefore = AppendCommits;

        // 200 appends at once, every tenth to a seq that is already taken.
        var streams = Enumerable.Range(0, 200).Select(i => i % 10 == 0 ? takenStream : UniqueName("stream")).ToList();
        var appends = streams.Select((stream, i) => Store.AppendAsync(stream, Row(1, BaseTime, author: $"writer {i}"), CancellationToken.None)).ToList();
        await Task.WhenAll(appends.Select(a => a.ContinueWith(_ => { }, TaskScheduler.Default)));

        for (var i = 0; i < appends.Count; i++)
        {
            if (i % 10 == 0)
            {
                Assert.IsType<InconsistentStateException>(appends[i].Exception?.InnerException);
            }
            else
            {
                Assert.True(appends[i].IsCompletedSuccessfully, $"append {i}: {appends[i].Exception}");
                Assert.Equal($"writer {i}", (await Store.GetLastAsync(streams[i], CancellationToken.None))?.Author);
            }
        }

        Assert.Equal("first", (await Store.GetLastAsync(takenStream, CancellationToken.None))?.Author);
        var commits = AppendCommits - commitsBefore;
        Assert.True(commits < 90, $"{commits} commits for 200 appends arriving together");
    }

    [Fact]
    public async Task AnAppendWhoseFirstSeqIsTakenWritesNoneOfItsRows()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, [.. Enumerable.Range(1, 5).Select(seq => Row(seq, BaseTime, author: $"first {seq}"))], CancellationToken.None);

        // A second writer that knew the stream up to seq 4: its seq 5 is taken, and its seqs 6 and 7, free,
        // must not be written either (they would be messages whose sender was told they failed).
        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.AppendAsync(
            stream, [.. Enumerable.Range(5, 3).Select(seq => Row(seq, BaseTime, author: $"second {seq}"))], CancellationToken.None));

        var rows = (await Store.QueryAsync(stream, new Journal.JournalQuery { Descending = false, Limit = 100 }, CancellationToken.None)).Rows;
        Assert.Equal(Enumerable.Range(1, 5).Select(seq => $"first {seq}"), rows.Select(row => row.Author));
    }

    [Fact]
    public async Task AnAppendWhoseFirstDedupKeyIsTakenLeavesNoGap()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime, dedupKey: "client-1"), CancellationToken.None);

        // Seq 2 is free but its dedup key is taken: seq 3, free too, must not be written after a missing seq 2.
        await Assert.ThrowsAsync<InconsistentStateException>(() => Store.AppendAsync(
            stream, [Row(2, BaseTime, dedupKey: "client-1"), Row(3, BaseTime, author: "third")], CancellationToken.None));

        Assert.Equal(1, await CountRowsAsync(stream));
        Assert.Equal(1, (await Store.GetLastAsync(stream, CancellationToken.None))?.Seq);
    }

    [Fact]
    public async Task AnAppendWithALaterRowTakenWritesNothingAndTheAppendsBesideItSucceed()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime, dedupKey: "client-1"), CancellationToken.None);
        var neighbours = Enumerable.Range(0, 60).Select(_ => UniqueName("neighbour")).ToList();
        Task AppendBeside(string neighbour) =>
            Store.AppendAsync(neighbour, [Row(1, BaseTime, author: neighbour), Row(2, BaseTime, author: neighbour)], CancellationToken.None);

        // Seq 2 is free, but the append's second row reuses a dedup key the stream holds: all or nothing.
        // Appends to other streams, arriving just before and after it, queue up while the first commits run
        // and share its commit; they succeed.
        var besides = neighbours.Take(30).Select(AppendBeside).ToList();
        var refused = Store.AppendAsync(
            stream, [Row(2, BaseTime, author: "second"), Row(3, BaseTime, author: "third", dedupKey: "client-1")], CancellationToken.None);
        besides.AddRange(neighbours.Skip(30).Select(AppendBeside));

        await Assert.ThrowsAsync<InconsistentStateException>(() => refused);
        await Task.WhenAll(besides);
        Assert.Equal(1, await CountRowsAsync(stream));
        foreach (var neighbour in neighbours)
        {
            Assert.Equal(2, await CountRowsAsync(neighbour));
        }
    }

    [Fact]
    public async Task AppendedRowReadsBackExactly()
    {
        var stream = UniqueName("stream");
        var row = Row(1, BaseTime, author: "alice", dedupKey: "client-1");

        await Store.AppendAsync(stream, row, CancellationToken.None);

        Assert.Equal(Describe(row), Describe(await Store.GetLastAsync(stream, CancellationToken.None)));
        Assert.Equal(Describe(row), Describe(await Store.FindAsync(stream, row.EntryId, CancellationToken.None)));
        Assert.Equal(Describe(row), Describe(await Store.FindByDedupKeyAsync(stream, "client-1", CancellationToken.None)));
    }

    [Fact]
    public async Task TimestampIsStoredInUtcTruncatedToTheMillisecond()
    {
        var stream = UniqueName("stream");
        var written = new DateTimeOffset(2025, 3, 14, 17, 9, 26, 535, TimeSpan.FromHours(2)).AddTicks(7_999);

        await Store.AppendAsync(stream, Row(1, written), CancellationToken.None);

        var stored = (await Store.GetLastAsync(stream, CancellationToken.None))?.Timestamp;
        Assert.Equal(BaseTime, stored);
        Assert.Equal(TimeSpan.Zero, stored?.Offset);
    }

    [Fact]
    public async Task AppendOfTakenSeqIsRefusedAndWritesNothing()
    {
        var stream = UniqueName("stream");
        var first = Row(1, BaseTime, dedupKey: "first");
        await Store.AppendAsync(stream, first, CancellationToken.None);
        var duplicate = Row(1, BaseTime.AddSeconds(1), author: "mallory", dedupKey: "second");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.AppendAsync(stream, duplicate, CancellationToken.None));

        Assert.Equal(Describe(first), Describe(await Store.GetLastAsync(stream, CancellationToken.None)));
        Assert.Null(await Store.FindAsync(stream, duplicate.EntryId, CancellationToken.None));
        Assert.Null(await Store.FindByDedupKeyAsync(stream, "second", CancellationToken.None));
        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task AppendOfTakenDedupKeyIsRefusedAndWritesNothing()
    {
        var stream = UniqueName("stream");
        var first = Row(1, BaseTime, dedupKey: "client-1");
        await Store.AppendAsync(stream, first, CancellationToken.None);
        var retry = Row(2, BaseTime.AddSeconds(1), dedupKey: "client-1");

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.AppendAsync(stream, retry, CancellationToken.None));

        Assert.Equal(Describe(first), Describe(await Store.GetLastAsync(stream, CancellationToken.None)));
        Assert.Null(await Store.FindAsync(stream, retry.EntryId, CancellationToken.None));
        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task AppendOfTakenEntryIdIsRefusedAndWritesNothing()
    {
        var stream = UniqueName("stream");
        var first = Row(1, BaseTime);
        await Store.AppendAsync(stream, first, CancellationToken.None);

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.AppendAsync(stream, first with { Seq = 2 }, CancellationToken.None));

        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task RowsWithoutDedupKeyNeverConflictOnIt()
    {
        var stream = UniqueName("stream");

        await Store.AppendAsync(stream, Row(1, BaseTime), CancellationToken.None);
        await Store.AppendAsync(stream, Row(2, BaseTime), CancellationToken.None);

        Assert.Equal(2, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task KeysAreTakenPerStream()
    {
        var stream = UniqueName("stream");
        var other = UniqueName("stream");
        var row = Row(1, BaseTime, dedupKey: "client-1");
        await Store.AppendAsync(stream, row, CancellationToken.None);

        await Store.AppendAsync(other, row, CancellationToken.None);

        Assert.Equal(Describe(row), Describe(await Store.GetLastAsync(other, CancellationToken.None)));
        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task GetLastOfEmptyStreamReturnsNull()
    {
        Assert.Null(await Store.GetLastAsync(UniqueName("stream"), CancellationToken.None));
    }

    [Fact]
    public async Task GetLastReturnsHighestSeqEvenWhenDeleted()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(2, BaseTime), CancellationToken.None);
        var last = Row(3, BaseTime.AddMilliseconds(1));
        await Store.AppendAsync(stream, last, CancellationToken.None);
        await Store.AppendAsync(stream, Row(1, BaseTime.AddMilliseconds(2)), CancellationToken.None);

        await Store.UpdateAsync(stream, last.EntryId, Payload("gone"), deleted: true, CancellationToken.None);

        var stored = await Store.GetLastAsync(stream, CancellationToken.None);
        Assert.Equal(3, stored?.Seq);
        Assert.True(stored?.Deleted);
    }

    [Fact]
    public async Task FindOfUnknownIdOrDedupKeyReturnsNull()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime, dedupKey: "client-1"), CancellationToken.None);

        Assert.Null(await Store.FindAsync(stream, Guid.NewGuid(), CancellationToken.None));
        Assert.Null(await Store.FindByDedupKeyAsync(stream, "client-2", CancellationToken.None));
        Assert.Null(await Store.FindByDedupKeyAsync(UniqueName("stream"), "client-1", CancellationToken.None));
    }

    [Fact]
    public async Task UpdateReplacesPayloadAndDeletedFlagOnly()
    {
        var stream = UniqueName("stream");
        var row = Row(1, BaseTime, dedupKey: "client-1");
        await Store.AppendAsync(stream, row, CancellationToken.None);

        var edited = await Store.UpdateAsync(stream, row.EntryId, Payload("edited"), deleted: false, CancellationToken.None);

        Assert.True(edited);
        var expected = row with { Payload = Payload("edited") };
        Assert.Equal(Describe(expected), Describe(await Store.FindAsync(stream, row.EntryId, CancellationToken.None)));
    }

    [Fact]
    public async Task UpdateOfUnknownEntryReturnsFalseAndWritesNothing()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime), CancellationToken.None);
        var unknown = Guid.NewGuid();

        var updated = await Store.UpdateAsync(stream, unknown, Payload("ghost"), deleted: false, CancellationToken.None);

        Assert.False(updated);
        Assert.Null(await Store.FindAsync(stream, unknown, CancellationToken.None));
        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task DeletedRowsLeaveQueriesAndCountsButKeepTheirKeys()
    {
        var stream = UniqueName("stream");
        var rows = await AppendRowsAsync(stream, 5);
        var deleted = rows[2];

        await Store.UpdateAsync(stream, deleted.EntryId, Payload("[deleted]"), deleted: true, CancellationToken.None);

        var page = await Store.QueryAsync(stream, new JournalQuery { Descending = false }, CancellationToken.None);
        Assert.Equal(4, page.TotalCount);
        Assert.Equal([1L, 2, 4, 5], Seqs(page));
        var found = await Store.FindAsync(stream, deleted.EntryId, CancellationToken.None);
        Assert.Equal(Describe(deleted with { Deleted = true, Payload = Payload("[deleted]") }), Describe(found));
        Assert.True((await Store.FindByDedupKeyAsync(stream, deleted.DedupKey!, CancellationToken.None))?.Deleted);
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.AppendAsync(stream, Row(3, BaseTime.AddSeconds(1)), CancellationToken.None));
        await Assert.ThrowsAsync<InconsistentStateException>(
            () => Store.AppendAsync(stream, Row(6, BaseTime.AddSeconds(1), dedupKey: deleted.DedupKey), CancellationToken.None));
        Assert.Equal(5, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task UndeletedRowReturnsToQueries()
    {
        var stream = UniqueName("stream");
        var rows = await AppendRowsAsync(stream, 3);
        await Store.UpdateAsync(stream, rows[1].EntryId, rows[1].Payload, deleted: true, CancellationToken.None);

        await Store.UpdateAsync(stream, rows[1].EntryId, rows[1].Payload, deleted: false, CancellationToken.None);

        var page = await Store.QueryAsync(stream, new JournalQuery(), CancellationToken.None);
        Assert.Equal(3, page.TotalCount);
        Assert.Equal([3L, 2, 1], Seqs(page));
    }

    [Fact]
    public async Task QueryOrdersBySeqDescendingByDefaultAndAscendingOnRequest()
    {
        var stream = UniqueName("stream");
        var rows = await AppendRowsAsync(stream, 4);

        var descending = await Store.QueryAsync(stream, new JournalQuery(), CancellationToken.None);
        var ascending = await Store.QueryAsync(stream, new JournalQuery { Descending = false }, CancellationToken.None);

        Assert.Equal([4L, 3, 2, 1], Seqs(descending));
        Assert.Equal([1L, 2, 3, 4], Seqs(ascending));
        Assert.Equal(rows.Select(Describe), ascending.Rows.Select(Describe));
    }

    [Fact]
    public async Task QueryPagesWithOffsetAndLimitAndCountsEveryMatch()
    {
        var stream = UniqueName("stream");
        await AppendRowsAsync(stream, 10);

        var descending = await Store.QueryAsync(stream, new JournalQuery { Offset = 3, Limit = 4 }, CancellationToken.None);
        var ascending = await Store.QueryAsync(stream, new JournalQuery { Offset = 8, Limit = 4, Descending = false }, CancellationToken.None);
        var beyond = await Store.QueryAsync(stream, new JournalQuery { Offset = 10, Limit = 4 }, CancellationToken.None);

        Assert.Equal(10, descending.TotalCount);
        Assert.Equal([7L, 6, 5, 4], Seqs(descending));
        Assert.Equal(10, ascending.TotalCount);
        Assert.Equal([9L, 10], Seqs(ascending));
        Assert.Equal(10, beyond.TotalCount);
        Assert.Empty(beyond.Rows);
    }

    [Fact]
    public async Task QueryWithZeroLimitReturnsOnlyTheCount()
    {
        var stream = UniqueName("stream");
        await AppendRowsAsync(stream, 3);

        var page = await Store.QueryAsync(stream, new JournalQuery { Limit = 0 }, CancellationToken.None);

        Assert.Equal(3, page.TotalCount);
        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task QueryOfEmptyStreamReturnsNothing()
    {
        var page = await Store.QueryAsync(UniqueName("stream"), new JournalQuery(), CancellationToken.None);

        Assert.Equal(0, page.TotalCount);
        Assert.Empty(page.Rows);
    }

    [Fact]
    public async Task QueryFiltersByExactAuthor()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime, author: "alice"), CancellationToken.None);
        await Store.AppendAsync(stream, Row(2, BaseTime, author: "bob"), CancellationToken.None);
        await Store.AppendAsync(stream, Row(3, BaseTime, author: "alice"), CancellationToken.None);
        await Store.AppendAsync(stream, Row(4, BaseTime, author: "Alice"), CancellationToken.None);
        await Store.AppendAsync(stream, Row(5, BaseTime, author: "alicia"), CancellationToken.None);

        var page = await Store.QueryAsync(stream, new JournalQuery { Author = "alice" }, CancellationToken.None);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal([3L, 1], Seqs(page));
    }

    [Fact]
    public async Task QuerySeqBoundsAreExclusive()
    {
        var stream = UniqueName("stream");
        await AppendRowsAsync(stream, 10);

        var after = await Store.QueryAsync(stream, new JournalQuery { AfterSeq = 7, Descending = false }, CancellationToken.None);
        var before = await Store.QueryAsync(stream, new JournalQuery { BeforeSeq = 3 }, CancellationToken.None);
        var between = await Store.QueryAsync(stream, new JournalQuery { AfterSeq = 4, BeforeSeq = 7 }, CancellationToken.None);

        Assert.Equal([8L, 9, 10], Seqs(after));
        Assert.Equal(3, after.TotalCount);
        Assert.Equal([2L, 1], Seqs(before));
        Assert.Equal(2, before.TotalCount);
        Assert.Equal([6L, 5], Seqs(between));
        Assert.Equal(2, between.TotalCount);
    }

    [Fact]
    public async Task QueryTimeBoundsAreInclusiveToTheMillisecond()
    {
        var stream = UniqueName("stream");
        await AppendRowsAsync(stream, 6); // seq n at BaseTime + (n - 1) ms
        var second = BaseTime.AddMilliseconds(1);
        var fifth = BaseTime.AddMilliseconds(4);

        var both = await Store.QueryAsync(stream, new JournalQuery { From = second, To = fifth, Descending = false }, CancellationToken.None);
        var from = await Store.QueryAsync(stream, new JournalQuery { From = fifth, Descending = false }, CancellationToken.None);
        var to = await Store.QueryAsync(stream, new JournalQuery { To = second, Descending = false }, CancellationToken.None);
        var oneMillisecondInside = await Store.QueryAsync(
            stream,
            new JournalQuery { From = second.AddMilliseconds(1), To = fifth.AddMilliseconds(-1), Descending = false },
            CancellationToken.None);
        var otherOffset = await Store.QueryAsync(
            stream,
            new JournalQuery { From = second.ToOffset(TimeSpan.FromHours(-5)), To = fifth.ToOffset(TimeSpan.FromHours(9)), Descending = false },
            CancellationToken.None);

        Assert.Equal([2L, 3, 4, 5], Seqs(both));
        Assert.Equal(4, both.TotalCount);
        Assert.Equal([5L, 6], Seqs(from));
        Assert.Equal([1L, 2], Seqs(to));
        Assert.Equal([3L, 4], Seqs(oneMillisecondInside));
        Assert.Equal([2L, 3, 4, 5], Seqs(otherOffset));
    }

    [Fact]
    public async Task QueryCombinesEveryFilter()
    {
        var stream = UniqueName("stream");
        for (var seq = 1; seq <= 20; seq++)
        {
            var author = seq % 2 == 0 ? "alice" : "bob";
            await Store.AppendAsync(stream, Row(seq, BaseTime.AddMilliseconds(seq), author: author), CancellationToken.None);
        }

        var rows = await Store.QueryAsync(stream, new JournalQuery { Author = "bob" }, CancellationToken.None);
        var deletedBob = rows.Rows.Single(row => row.Seq == 9);
        await Store.UpdateAsync(stream, deletedBob.EntryId, deletedBob.Payload, deleted: true, CancellationToken.None);
        var query = new JournalQuery
        {
            Author = "bob",
            From = BaseTime.AddMilliseconds(3),
            To = BaseTime.AddMilliseconds(17),
            AfterSeq = 3,
            BeforeSeq = 17,
            Descending = false,
            Offset = 1,
            Limit = 3,
        };

        var page = await Store.QueryAsync(stream, query, CancellationToken.None);

        // bob's live rows strictly between seq 3 and 17: 5, 7, 11, 13, 15; skip one, take three.
        Assert.Equal(5, page.TotalCount);
        Assert.Equal([7L, 11, 13], Seqs(page));
    }

    [Fact]
    public async Task QuerySeesOnlyItsOwnStream()
    {
        var stream = UniqueName("stream");
        var neighbour = UniqueName("stream");
        await AppendRowsAsync(stream, 2);
        await AppendRowsAsync(neighbour, 5);

        var page = await Store.QueryAsync(stream, new JournalQuery(), CancellationToken.None);

        Assert.Equal(2, page.TotalCount);
        Assert.Equal([2L, 1], Seqs(page));
    }

    [Fact]
    public async Task QueryWithNegativeOffsetOrLimitIsRefused()
    {
        var stream = UniqueName("stream");

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.QueryAsync(stream, new JournalQuery { Offset = -1 }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => Store.QueryAsync(stream, new JournalQuery { Limit = -1 }, CancellationToken.None));
    }

    [Fact]
    public async Task DeleteStreamRemovesEveryRowOfThatStreamOnly()
    {
        var stream = UniqueName("stream");
        var neighbour = UniqueName("stream");
        var rows = await AppendRowsAsync(stream, 3);
        await Store.UpdateAsync(stream, rows[0].EntryId, rows[0].Payload, deleted: true, CancellationToken.None);
        await AppendRowsAsync(neighbour, 2);

        await Store.DeleteThroughAsync(stream, long.MaxValue, CancellationToken.None);

        Assert.Equal(0, await CountRowsAsync(stream));
        Assert.Null(await Store.GetLastAsync(stream, CancellationToken.None));
        Assert.Equal(2, await CountRowsAsync(neighbour));
        await Store.AppendAsync(stream, rows[0], CancellationToken.None);
        Assert.Equal(1, await CountRowsAsync(stream));
    }

    [Fact]
    public async Task DeleteThroughRemovesTheOldestRowsOfThatStreamOnly()
    {
        var stream = UniqueName("stream");
        var neighbour = UniqueName("stream");
        var rows = await AppendRowsAsync(stream, 5);
        await AppendRowsAsync(neighbour, 5);

        await Store.DeleteThroughAsync(stream, rows[2].Seq, CancellationToken.None);

        var left = await Store.QueryAsync(stream, new JournalQuery { Descending = false, Limit = 10 }, CancellationToken.None);
        Assert.Equal([rows[3].Seq, rows[4].Seq], left.Rows.Select(row => row.Seq));
        Assert.Equal(5, await CountRowsAsync(neighbour));
        Assert.Equal(rows[4].Seq, (await Store.GetLastAsync(stream, CancellationToken.None))!.Seq);
    }

    [Fact]
    public async Task ConcurrentAppendsOfSameSeqHaveExactlyOneWinner()
    {
        var stream = UniqueName("stream");
        await Store.AppendAsync(stream, Row(1, BaseTime), CancellationToken.None);
        const int writers = 24;
        var candidates = Enumerable.Range(0, writers)
            .Select(i => Row(2, BaseTime.AddMilliseconds(1), author: $"writer-{i}", dedupKey: $"client-{i}"))
            .ToArray();
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var attempts = candidates
            .Select(row => Task.Run(async () =>
            {
                await start.Task;
                try
                {
                    await Store.AppendAsync(stream, row, CancellationToken.None);
                    return true;
                }
                catch (InconsistentStateException)
                {
                    return false;
                }
            }))
            .ToArray();
        start.SetResult();
        var results = await Task.WhenAll(attempts);

        var winner = candidates[Assert.Single(Enumerable.Range(0, writers), i => results[i])];
        Assert.Equal(Describe(winner), Describe(await Store.GetLastAsync(stream, CancellationToken.None)));
        Assert.Equal(2, await CountRowsAsync(stream));
        foreach (var loser in candidates.Where(candidate => candidate != winner))
        {
            Assert.Null(await Store.FindByDedupKeyAsync(stream, loser.DedupKey!, CancellationToken.None));
        }
    }

    private static JournalRow Row(long seq, DateTimeOffset at, string author = "alice", string? dedupKey = null) =>
        new(seq, Guid.NewGuid(), at, author, dedupKey, Deleted: false, Payload($"message {seq}"));

    private static byte[] Payload(string text) => Encoding.UTF8.GetBytes(text);

    private static long[] Seqs(JournalPageRows page) => page.Rows.Select(row => row.Seq).ToArray();

    /// <summary>Every field of a row in one string, payload included, so that a mismatch shows which.</summary>
    private static string Describe(JournalRow? row) =>
        row is null
            ? "(none)"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"seq={row.Seq} id={row.EntryId} at={row.Timestamp.UtcDateTime:O} author={row.Author} dedup={row.DedupKey ?? "(null)"} deleted={row.Deleted} payload={Encoding.UTF8.GetString(row.Payload)}");

    /// <summary>Appends seq 1..count, seq n at BaseTime + (n - 1) ms, with dedup key "client-n".</summary>
    private async Task<List<JournalRow>> AppendRowsAsync(string stream, int count)
    {
        var rows = new List<JournalRow>();
        for (var seq = 1; seq <= count; seq++)
        {
            var row = Row(seq, BaseTime.AddMilliseconds(seq - 1), dedupKey: $"client-{seq}");
            await Store.AppendAsync(stream, row, CancellationToken.None);
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>Every row of the stream, deleted or not, counted in the database itself.</summary>
    private Task<long> CountRowsAsync(string stream) =>
        Provider.QueryScalarAsync(ConnectionString, $"SELECT COUNT(*) FROM journal WHERE stream = '{stream}'");
}
