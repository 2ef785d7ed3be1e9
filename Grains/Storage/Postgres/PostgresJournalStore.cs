using System.Globalization;
using System.Text;
using Grains.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage.Postgres;

/// <summary>
/// Journals in one table keyed by (stream, seq); times as timestamptz. Two tables have this shape:
/// <c>journal</c> (conversations' messages, with their secondary indexes) and <c>event_log</c> (users' event
/// logs, read by seq only: the primary key is its one index).
/// </summary>
internal sealed class PostgresJournalStore(
    NpgsqlDataSource dataSource, int maxAppendsPerCommit, int maxConcurrentCommits, PostgresJournalStore.Statements sql) : IJournalStore
{
    private const string Columns = "seq, entry_id, created_at, author, dedup_key, deleted, payload";

    private readonly PostgresGroupAppend _appends = new(dataSource, maxAppendsPerCommit, sql.Table, maxConcurrentCommits);

    /// <summary>Transactions that committed appends so far.</summary>
    internal long AppendCommits => _appends.Commits;

    /// <summary>Appends in the next group commit (<see cref="PostgresGroupAppend"/>), once durable.</summary>
    public Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return _appends.AppendAsync(stream, rows, cancellationToken);
    }

    public async Task<JournalRow?> GetLastAsync(string stream, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql.Last);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindAsync(string stream, Guid entryId, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql.Find);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entryId });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindByDedupKeyAsync(string stream, string dedupKey, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql.FindByDedupKey);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = dedupKey });
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateAsync(string stream, Guid entryId, byte[] payload, bool deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        await using var command = dataSource.CreateCommand(sql.Update);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = entryId });
        command.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = payload });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = deleted });
        return await command.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<JournalPageRows> QueryAsync(string stream, JournalQuery query, CancellationToken cancellationToken)
    {
        var shape = JournalQueryShape.Of(query);
        var text = sql.Query(shape);

        // One round trip: the count of every match, then the page.
        await using var batch = dataSource.CreateBatch();
        var count = new NpgsqlBatchCommand(text.Count);
        AddFilterParameters(count.Parameters, stream, query);
        var page = new NpgsqlBatchCommand(text.Page);
        AddFilterParameters(page.Parameters, stream, query);
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        page.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Offset });
        batch.BatchCommands.Add(count);
        batch.BatchCommands.Add(page);

        await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
        return await JournalPageRows.ReadAsync(reader, query.Limit, ReadRow, cancellationToken);
    }

    public async Task DeleteThroughAsync(string stream, long throughSeq, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(sql.DeleteThrough);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = throughSeq });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The statements of one table; internal so that tests can check their plans.</summary>
    internal sealed class Statements
    {
        /// <summary>Conversations' messages.</summary>
        public static readonly Statements Journal = new("journal");

        /// <summary>Users' event logs.</summary>
        public static readonly Statements EventLog = new("event_log");

        private readonly QueryText?[] _queries = new QueryText?[JournalQueryShape.Count];

        private Statements(string table)
        {
            Table = table;
            Last = $"SELECT {Columns} FROM {table} WHERE stream = $1 ORDER BY seq DESC LIMIT 1";
            Find = $"SELECT {Columns} FROM {table} WHERE stream = $1 AND entry_id = $2";
            FindByDedupKey = $"SELECT {Columns} FROM {table} WHERE stream = $1 AND dedup_key = $2";
            Update = $"UPDATE {table} SET payload = $3, deleted = $4 WHERE stream = $1 AND entry_id = $2";
            DeleteThrough = $"DELETE FROM {table} WHERE stream = $1 AND seq <= $2";
        }

        public string Table { get; }

        public string Last { get; }

        public string Find { get; }

        public string FindByDedupKey { get; }

        public string Update { get; }

        public string DeleteThrough { get; }

        /// <summary>The count and page texts for one combination of filters.</summary>
        public QueryText Query(JournalQueryShape shape) => _queries[shape.Index] ??= BuildQuery(shape);

        private QueryText BuildQuery(JournalQueryShape shape)
        {
            var where = new StringBuilder("stream = $1 AND NOT deleted");
            var position = 1;
            if (shape.HasFrom)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND created_at >= ${++position}");
            }

            if (shape.HasTo)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND created_at <= ${++position}");
            }

            if (shape.HasAuthor)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND author = ${++position}");
            }

            if (shape.HasAfterSeq)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND seq > ${++position}");
            }

            if (shape.HasBeforeSeq)
            {
                where.Append(CultureInfo.InvariantCulture, $" AND seq < ${++position}");
            }

            var order = shape.Descending ? "DESC" : "ASC";
            return new QueryText(
                Count: $"SELECT count(*) FROM {Table} WHERE {where}",
                Page: string.Create(
                    CultureInfo.InvariantCulture,
                    $"SELECT {Columns} FROM {Table} WHERE {where} ORDER BY seq {order} LIMIT ${position + 1} OFFSET ${position + 2}"));
        }
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, string stream, JournalQuery query)
    {
        // Positions follow the order BuildQueryText numbers them in.
        parameters.Add(new NpgsqlParameter<string> { TypedValue = stream });
        if (query.From is { } from)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(from) });
        }

        if (query.To is { } to)
        {
            parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(to) });
        }

        if (query.Author is { } author)
        {
            parameters.Add(new NpgsqlParameter<string> { TypedValue = author });
        }

        if (query.AfterSeq is { } afterSeq)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = afterSeq });
        }

        if (query.BeforeSeq is { } beforeSeq)
        {
            parameters.Add(new NpgsqlParameter<long> { TypedValue = beforeSeq });
        }
    }

    private static async Task<JournalRow?> ReadSingleAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    private static JournalRow ReadRow(NpgsqlDataReader reader) => new(
        Seq: reader.GetInt64(0),
        EntryId: reader.GetGuid(1),
        Timestamp: reader.GetFieldValue<DateTimeOffset>(2),
        Author: reader.GetString(3),
        DedupKey: reader.IsDBNull(4) ? null : reader.GetString(4),
        Deleted: reader.GetBoolean(5),
        Payload: reader.GetFieldValue<byte[]>(6));

    /// <summary>The two statements of a journal query.</summary>
    internal sealed record QueryText(string Count, string Page);
}
