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
        var count = SqliteJournalStore.BuildQuerySql(query).Split(";\n")[0];

        var step = Assert.Single(await ExplainAsync(count));

        Assert.StartsWith("SEARCH journal USING COVERING INDEX ", step, StringComparison.Ordinal);
        AssertSearchesStreamRange(query, step);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task JournalQueryPageIsReadInIndexOrderWithoutSorting(int shape)
    {
        var query = new JournalQueryShape(shape);
        var page = SqliteJournalStore.BuildQuerySql(query).Split(";\n")[1];

        // A single step: no "USE TEMP B-TREE FOR ORDER BY", so rows come in seq order and LIMIT stops the read.
        var step = Assert.Single(await ExplainAsync(page));

        Assert.StartsWith("SEARCH journal USING INDEX ", step, StringComparison.Ordinal);
        AssertSearchesStreamRange(query, step);
    }

    [Theory]
    [InlineData(SqliteJournalStore.LastSql, "sqlite_autoindex_journal_1 (stream=?)")]
    [InlineData(SqliteJournalStore.FindSql, "ux_journal_entry_id (stream=? AND entry_id=?)")]
    [InlineData(SqliteJournalStore.FindByDedupKeySql, "ux_journal_dedup_key (stream=? AND dedup_key=?)")]
    [InlineData(SqliteJournalStore.UpdateSql, "ux_journal_entry_id (stream=? AND entry_id=?)")]
    [InlineData(SqliteJournalStore.DeleteThroughSql, "sqlite_autoindex_journal_1 (stream=? AND seq<?)")]
    public async Task JournalLookupSearchesItsIndex(string sql, string expectedIndex)
    {
        var plan = await ExplainAsync(sql);

        Assert.Equal($"SEARCH journal USING INDEX {expectedIndex}", Assert.Single(plan));
    }

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
