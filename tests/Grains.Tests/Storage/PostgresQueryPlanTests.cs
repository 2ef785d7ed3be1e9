using Grains.Journal;
using Grains.Storage;
using Grains.Storage.Postgres;
using Npgsql;

namespace Grains.Tests.Storage;

/// <summary>
/// The journal's statements as PostgreSQL can plan them: with sequential scans, bitmap scans and sorts
/// priced out, each still finds an index that narrows on the stream (and author, and seq bounds) and
/// yields rows in seq order, and counts read an index alone.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresQueryPlanTests(PostgresServerFixture server) : StorageContract
{
    protected override IStorageTestProvider Provider => server;

    public static TheoryData<int> Shapes => [.. Enumerable.Range(0, JournalQueryShape.Count)];

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task JournalQueryCountsFromAnIndexAlone(int shape)
    {
        var query = new JournalQueryShape(shape);

        var plan = await ExplainAsync(PostgresJournalStore.Statements.Journal.Query(query).Count, FilterParameters(query));

        Assert.Contains(query.HasAuthor ? "Index Only Scan using ix_journal_live_author " : "Index Only Scan using ix_journal_live", plan[1], StringComparison.Ordinal);
        AssertNarrowsOnIndex(query, plan);
    }

    [Theory]
    [MemberData(nameof(Shapes))]
    public async Task JournalQueryPageIsReadInIndexOrderWithoutSorting(int shape)
    {
        var query = new JournalQueryShape(shape);
        object[] paging = [20, 0];

        var plan = await ExplainAsync(PostgresJournalStore.Statements.Journal.Query(query).Page, [.. FilterParameters(query), .. paging]);

        Assert.StartsWith("Limit", plan[0], StringComparison.Ordinal);
        var scan = query.Descending ? "Index Scan Backward using " : "Index Scan using ";
        Assert.Contains(scan + (query.HasAuthor ? "ix_journal_live_author " : "ix_journal_live "), plan[1], StringComparison.Ordinal);
        AssertNarrowsOnIndex(query, plan);
    }

    public static TheoryData<string, object[], string> Lookups => new()
    {
        { PostgresJournalStore.Statements.Journal.Last, ["stream"], "Index Scan Backward using pk_journal " },
        { PostgresJournalStore.Statements.Journal.Find, ["stream", Guid.Empty], "Index Scan using ux_journal_entry_id " },
        { PostgresJournalStore.Statements.Journal.FindByDedupKey, ["stream", "client-1"], "Index Scan using ux_journal_dedup_key " },
        { PostgresJournalStore.Statements.Journal.Update, ["stream", Guid.Empty, Array.Empty<byte>(), true], "Index Scan using ux_journal_entry_id " },
        { PostgresJournalStore.Statements.Journal.DeleteThrough, ["stream", 5L], "Index Scan using pk_journal " },
    };

    [Theory]
    [MemberData(nameof(Lookups))]
    public async Task JournalLookupSearchesItsIndex(string sql, object[] parameters, string expectedScan)
    {
        var plan = await ExplainAsync(sql, parameters);

        Assert.Contains(plan, line => line.Contains(expectedScan, StringComparison.Ordinal));
        Assert.DoesNotContain(plan, line => line.Contains("Seq Scan", StringComparison.Ordinal));
    }

    private static List<object> FilterParameters(JournalQueryShape query)
    {
        List<object> parameters = ["stream"];
        if (query.HasFrom)
        {
            parameters.Add(DateTimeOffset.UnixEpoch);
        }

        if (query.HasTo)
        {
            parameters.Add(DateTimeOffset.UnixEpoch);
        }

        if (query.HasAuthor)
        {
            parameters.Add("alice");
        }

        if (query.HasAfterSeq)
        {
            parameters.Add(1L);
        }

        if (query.HasBeforeSeq)
        {
            parameters.Add(10L);
        }

        return parameters;
    }

    /// <summary>The stream, the author and the seq bounds are index conditions, not filters on rows read; nothing is sorted.</summary>
    private static void AssertNarrowsOnIndex(JournalQueryShape query, List<string> plan)
    {
        Assert.DoesNotContain(plan, line => line.Contains("Sort", StringComparison.Ordinal) || line.Contains("Seq Scan", StringComparison.Ordinal));
        var condition = Assert.Single(plan, line => line.StartsWith("Index Cond:", StringComparison.Ordinal));
        Assert.Contains("(stream = ", condition, StringComparison.Ordinal);
        if (query.HasAuthor)
        {
            Assert.Contains("(author = ", condition, StringComparison.Ordinal);
        }

        if (query.HasAfterSeq)
        {
            Assert.Contains("(seq > ", condition, StringComparison.Ordinal);
        }

        if (query.HasBeforeSeq)
        {
            Assert.Contains("(seq < ", condition, StringComparison.Ordinal);
        }
    }

    private async Task<List<string>> ExplainAsync(string sql, IEnumerable<object> parameters)
    {
        await using var dataSource = NpgsqlDataSource.Create(ConnectionString);
        await using var connection = await dataSource.OpenConnectionAsync();
        await using (var settings = new NpgsqlCommand("SET enable_seqscan = off; SET enable_bitmapscan = off; SET enable_sort = off", connection))
        {
            await settings.ExecuteNonQueryAsync();
        }

        await using var command = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var value in parameters)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0).Trim().TrimStart('-', '>', ' '));
        }

        return plan;
    }
}
