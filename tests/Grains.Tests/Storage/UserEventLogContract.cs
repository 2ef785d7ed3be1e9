using System.Text.Json;
using Grains.Events;
using Grains.Interfaces;
using Grains.Journal;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Grains.Tests.Storage;

/// <summary>
/// A user's event log on each provider: the events of one commit share a row, and every cursor still reads
/// back, after a new activation too; two writers from the same end of the log collide; rows of one event,
/// as they were written before rows held several, read back; retention drops whole rows only.
/// </summary>
public abstract class UserEventLogContract : StorageContract
{
    private static readonly DateTimeOffset BaseTime = new(2025, 3, 14, 15, 9, 26, 535, TimeSpan.Zero);

    [Fact]
    public async Task EventsOfOneCommitShareARowAndEveryCursorReadsBackInANewActivation()
    {
        var user = UniqueName("user");
        var log = await OpenAsync(user);

        // One row for each commit: 40 events, then 1, then 2.
        await CommitAsync(log, 1, 40, BaseTime);
        await CommitAsync(log, 41, 1, BaseTime.AddSeconds(1));
        log.Stage(Record(42), BaseTime.AddSeconds(2));
        Assert.Throws<ArgumentException>(() => log.Stage(Record(43), BaseTime.AddSeconds(3)));
        log.Stage(Record(43), BaseTime.AddSeconds(2));
        Assert.Equal([42L, 43L], (await log.CommitAsync()).Select(e => e.Cursor));
        Assert.Equal(3, await RowsAsync(user));

        // A new activation knows nothing but what the database holds.
        var reloaded = await OpenAsync(user);
        Assert.Equal(43, reloaded.LastCursor);
        for (var after = 0; after <= 43; after++)
        {
            var read = await reloaded.ReadAfterAsync(after, 5);
            var expected = Enumerable.Range(after + 1, Math.Min(5, 43 - after)).ToList();
            Assert.Equal(expected.Select(n => (long)n), read.Select(e => e.Cursor));
            Assert.Equal(expected, read.Select(e => (int)e.Record.LastSeq!.Value));
            Assert.Equal(expected.Select(TimeOf), read.Select(e => e.At));
        }

        // It appends after the last event of the last row.
        reloaded.Stage(Record(44), BaseTime.AddSeconds(3));
        Assert.Equal(44, Assert.Single(await reloaded.CommitAsync()).Cursor);
        Assert.Equal(44, (await OpenAsync(user)).LastCursor);
    }

    [Fact]
    public async Task ACommitOfLargeEventsTakesSeveralRowsWithinTheBoundAndEveryCursorReadsBack()
    {
        var user = UniqueName("user");
        var log = await OpenAsync(user);

        // 12 events of which exactly three fit in a row (with the array's brackets and commas), then one event
        // larger than a row may hold: a row of its own.
        var title = new string('x', ((UserEventRow.MaxBytes - 1) / 3) - 1 - JsonLength(Record(10, string.Empty)));
        for (var n = 1; n <= 12; n++)
        {
            log.Stage(Record(n, title), BaseTime);
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(n => (long)n), (await log.CommitAsync()).Select(e => e.Cursor));
        log.Stage(Record(13, new string('y', 3 * UserEventRow.MaxBytes)), BaseTime.AddSeconds(1));
        log.Stage(Record(14), BaseTime.AddSeconds(1));
        await log.CommitAsync();

        var rows = await RowSizesAsync(user);
        Assert.Equal(6, rows.Count); // 4 rows of 3, the large event alone, then the small one
        Assert.All(rows.Take(4), size => Assert.InRange(size, 3 * title.Length, UserEventRow.MaxBytes));
        Assert.True(rows[4] > UserEventRow.MaxBytes);

        var reloaded = await OpenAsync(user);
        Assert.Equal(14, reloaded.LastCursor);
        for (var after = 0; after <= 14; after++)
        {
            var read = await reloaded.ReadAfterAsync(after, 4);
            var expected = Enumerable.Range(after + 1, Math.Min(4, 14 - after)).ToList();
            Assert.Equal(expected.Select(n => (long)n), read.Select(e => e.Cursor));
            Assert.Equal(expected, read.Select(e => (int)e.Record.LastSeq!.Value));
        }

        Assert.Equal(3 * UserEventRow.MaxBytes, (await reloaded.ReadAfterAsync(12, 1))[0].Record.Conversation!.Title!.Length);
    }

    [Theory]
    [InlineData(5, 1)]
    [InlineData(1, 5)]
    public async Task TwoWritersFromTheSameEndCollideWhateverTheirRowsHold(int firstWrites, int secondWrites)
    {
        var user = UniqueName("user");
        await CommitAsync(await OpenAsync(user), 1, 3, BaseTime);
        var first = await OpenAsync(user);
        var second = await OpenAsync(user);

        await CommitAsync(first, 4, firstWrites, BaseTime.AddSeconds(1));
        await Assert.ThrowsAsync<InconsistentStateException>(() => CommitAsync(second, 4, secondWrites, BaseTime.AddSeconds(2)));

        var reloaded = await OpenAsync(user);
        Assert.Equal(3 + firstWrites, reloaded.LastCursor);
        Assert.All(await reloaded.ReadAfterAsync(3, 10), e => Assert.Equal(BaseTime.AddSeconds(1), e.At));
    }

    [Fact]
    public async Task RowsOfOneEventAsWrittenBeforeRowsHeldSeveralReadBack()
    {
        var user = UniqueName("user");
        var store = Services.GetRequiredKeyedService<IJournalStore>(GrainJournals.EventLogKey);
        for (var n = 1; n <= 3; n++)
        {
            // The payload every row had before: the event's record as an object, with its unset properties as nulls.
            var payload = System.Text.Encoding.UTF8.GetBytes(
                $$"""{"type":"test.event","message":null,"conversation":null,"message_deleted":null,"conversation_deleted":null,"read":null,"sender_id":null,"last_seq":{{n}}}""");
            await store.AppendAsync($"events/{user}", new JournalRow(n, Guid.CreateVersion7(), BaseTime, "test.event", null, false, payload), CancellationToken.None);
        }

        var log = await OpenAsync(user);
        Assert.Equal(3, log.LastCursor);
        await CommitAsync(log, 4, 7, BaseTime);
        Assert.Equal(4, await RowsAsync(user));

        var read = await (await OpenAsync(user)).ReadAfterAsync(0, 100);
        Assert.Equal(Enumerable.Range(1, 10), read.Select(e => (int)e.Record.LastSeq!.Value));
        Assert.Equal(Enumerable.Range(1, 10).Select(n => (long)n), read.Select(e => e.Cursor));
    }

    [Theory]
    [InlineData(10, 16)] // the newest droppable cursor (37 - 10) falls inside the second row: the first row goes
    [InlineData(5, 32)] // it ends the second row (37 - 5): both old rows go
    public async Task RetentionDropsWholeRowsOnly(int retained, long expectedTrimPoint)
    {
        var user = UniqueName("user");
        var options = new UserEventLogOptions { RetainedEvents = retained, RetentionPeriod = TimeSpan.FromHours(1) };
        var log = await OpenAsync(user, options);
        await CommitAsync(log, 1, 16, BaseTime);
        await CommitAsync(log, 17, 16, BaseTime.AddMinutes(1));
        await CommitAsync(log, 33, 5, BaseTime.AddHours(3));

        var trimPoint = await log.FindTrimPointAsync(BaseTime.AddHours(3));
        Assert.Equal(expectedTrimPoint, trimPoint);
        await log.DeleteThroughAsync(trimPoint);

        var reloaded = await OpenAsync(user, options);
        Assert.Equal(37, reloaded.LastCursor);
        var read = await reloaded.ReadAfterAsync(trimPoint, 100);
        Assert.Equal(Enumerable.Range((int)trimPoint + 1, 37 - (int)trimPoint).Select(n => (long)n), read.Select(e => e.Cursor));
        Assert.Equal(3 - (trimPoint / 16), await RowsAsync(user));
    }

    private static UserEventRecord Record(int n) => new() { Type = "test.event", LastSeq = n };

    /// <summary>An event whose JSON is about as long as <paramref name="title"/>.</summary>
    private static UserEventRecord Record(int n, string title) => Record(n) with
    {
        Conversation = new ConversationView(Guid.Empty, title, Guid.Empty, BaseTime, LastMessageAt: null, Participants: []),
    };

    private static int JsonLength(UserEventRecord record) =>
        JsonSerializer.SerializeToUtf8Bytes(record, GrainsStateJsonContext.Default.UserEventRecord).Length;

    /// <summary>The time <see cref="EventsOfOneCommitShareARowAndEveryCursorReadsBackInANewActivation"/> gives event <paramref name="n"/>.</summary>
    private static DateTimeOffset TimeOf(int n) => n <= 40 ? BaseTime : BaseTime.AddSeconds(n == 41 ? 1 : 2);

    private static async Task CommitAsync(UserEventLog log, int firstCursor, int count, DateTimeOffset at)
    {
        for (var n = firstCursor; n < firstCursor + count; n++)
        {
            Assert.Equal(n, log.Stage(Record(n), at).Cursor);
        }

        Assert.Equal(count, (await log.CommitAsync()).Count);
    }

    private async Task<UserEventLog> OpenAsync(string user, UserEventLogOptions? options = null)
    {
        var journal = Services.GetRequiredService<GrainJournals>().OpenLog("events", user, GrainsStateJsonContext.Default.UserEventRow);
        var log = new UserEventLog(journal, options ?? new UserEventLogOptions());
        await log.LoadAsync(CancellationToken.None);
        return log;
    }

    /// <summary>The payload sizes of the user's rows, in cursor order.</summary>
    private async Task<IReadOnlyList<long>> RowSizesAsync(string user)
    {
        var sizes = new List<long>();
        for (var seq = 1L; seq <= 14; seq++)
        {
            var size = await Provider.QueryScalarAsync(
                ConnectionString, $"SELECT COALESCE(SUM(length(payload)), 0) FROM event_log WHERE stream = 'events/{user}' AND seq = {seq}");
            if (size > 0)
            {
                sizes.Add(size);
            }
        }

        return sizes;
    }

    private Task<long> RowsAsync(string user) =>
        Provider.QueryScalarAsync(ConnectionString, $"SELECT COUNT(*) FROM event_log WHERE stream = 'events/{user}'");
}

public sealed class SqliteUserEventLogTests(SqliteTestProvider provider) : UserEventLogContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserEventLogTests(PostgresServerFixture server) : UserEventLogContract
{
    protected override IStorageTestProvider Provider => server;
}
