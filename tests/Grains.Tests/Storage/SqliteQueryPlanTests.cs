using Grains.Journal;
using Grains.Storage;
using Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Grains.Tests.Storage;

/// <summary>
/// The journal's statements as SQLite plans them: every one searches an index on the stream, counts read
/// only an index, and pages come out in index order, so no statement reads or sorts a whole stream.
/// </summary>
public sealed class SqliteQueryPlanTests(SqliteTestProvider provider) : StorageContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;

    public static TheoryData<int> Shapes => [.. Enumerable.Range(0, JournalQueryShape.Count)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task JournalQueryCountsFromAnIndexAlone(int shape)
    {
        var query = new JournalQueryShape(shape);
        var count = SqliteJournalStore.Statements.Journal.Query(query).Split(";\n")[0];

        var step = Assert.Single(await ExplainAsync(count));

        Assert.StartsWith("SEARCH journal USING COVERING INDEX ", step, StringComparison.Ordinal);
        AssertSearchesStreamRange(query, step);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task JournalQueryPageIsReadInIndexOrderWithoutSorting(int shape)
    {
        var query = new JournalQueryShape(shape);
        var page = SqliteJournalStore.Statements.Journal.Query(query).Split(";\n")[1];

        // A single step: no "USE TEMP B-TREE FOR ORDER BY", so rows come in seq order and LIMIT stops the read.
        var step = Assert.Single(await ExplainAsync(page));

        Assert.StartsWith("SEARCH journal USING INDEX ", step, StringComparison.Ordinal);
        AssertSearchesStreamRange(query, step);
    }

    public static TheoryData<string, string> Lookups => new()
    {
        { SqliteJournalStore.Statements.Journal.Last, "sqlite_autoindex_journal_1 (stream=?)" },
        { SqliteJournalStore.Statements.Journal.Find, "ux_journal_entry_id (entry_id=? AND stream=?)" },
        { SqliteJournalStore.Statements.Journal.FindByDedupKey, "ux_journal_dedup_key (stream=? AND dedup_key=?)" },
        { SqliteJournalStore.Statements.Journal.Update, "ux_journal_entry_id (entry_id=? AND stream=?)" },
        { SqliteJournalStore.Statements.Journal.DeleteThrough, "sqlite_autoindex_journal_1 (stream=? AND seq<?)" },
    };

    /// <summary>What a user's event log runs: its end, reading on from a cursor, the retention's trim point and trim.</summary>
    public static TheoryData<string, string> EventLogStatements => new()
    {
        { SqliteJournalStore.Statements.EventLog.Last, "(stream=?)" },
        { SqliteJournalStore.Statements.EventLog.DeleteThrough, "(stream=? AND seq<?)" },
        { EventLogPage(new JournalQuery { AfterSeq = 1, Descending = false }), "(stream=? AND seq>?)" },
        { EventLogPage(new JournalQuery { To = DateTimeOffset.UnixEpoch, BeforeSeq = 9, Descending = true }), "(stream=? AND seq<?)" },
    };

    [Theory]
    [MemberData(nameof(EventLogStatements))]
    public async Task EventLogStatementsSearchItsKeyInOrder(string sql, string expectedRange)
    {
        var step = Assert.Single(await ExplainAsync(sql));

        // Its key's index (a rowid table since version 7: new events go to the table's end), in seq order.
        Assert.Equal($"SEARCH event_log USING INDEX sqlite_autoindex_event_log_1 {expectedRange}", step);
    }

    [Theory]
    [MemberData(nameof(Lookups))]
    public async Task JournalLookupSearchesItsIndex(string sql, string expectedIndex)
    {
        var plan = await ExplainAsync(sql);

        Assert.Equal($"SEARCH journal USING INDEX {expectedIndex}", Assert.Single(plan));
    }

    private static string EventLogPage(JournalQuery query) =>
        SqliteJournalStore.Statements.EventLog.Query(JournalQueryShape.Of(query)).Split(";\n")[1];

    /// <summary>The index search narrows on the stream, the author and the seq bounds, not only filters on them.</summary>
    private static void AssertSearchesStreamRange(JournalQueryShape query, string step)
    {
        Assert.Contains(query.HasAuthor ? "ix_journal_live_author (stream=? AND author=?" : "(stream=?", step, StringComparison.Ordinal);
        if (query.HasAfterSeq)
        {
            Assert.Contains("seq>?", step, StringComparison.Ordinal);
        }

        if (query.HasBeforeSeq)
        {
            Assert.Contains("seq<?", step, StringComparison.Ordinal);
        }
    }

    private async Task<List<string>> ExplainAsync(string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(ConnectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + sql;
        foreach (var name in new[] { "$stream", "$from", "$to", "$author", "$after", "$before", "$limit", "$offset", "$dedup", "$payload", "$deleted" })
        {
            if (sql.Contains(name, StringComparison.Ordinal))
            {
                command.Parameters.AddWithValue(name, 1);
            }
        }

        if (sql.Contains("$id", StringComparison.Ordinal))
        {
            command.Parameters.AddWithValue("$id", Guid.NewGuid().ToByteArray());
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(3));
        }

        return plan;
    }
}
