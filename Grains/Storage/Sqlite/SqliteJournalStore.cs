using System.Text;
using Grains.Journal;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Journals in one table keyed by (stream, seq); times as unix milliseconds. Two tables have this shape:
/// <c>journal</c> (conversations' messages: indexed by entry id, dedup key, and live messages by seq and by
/// author) and <c>event_log</c> (users' event logs: read by seq only, so the primary key is its one index,
/// and an append writes two b-trees instead of five: the rows at the table's end, the key in its index).
/// </summary>
internal sealed class SqliteJournalStore(SqliteConnectionFactory connections, SqliteJournalStore.Statements sql) : IJournalStore
{
    private const string Columns = "seq, entry_id, created_at_ms, author, dedup_key, deleted, payload";

    /// <summary>One write of the group commit: all the rows in its savepoint, so a conflict writes none of them.</summary>
    public Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return connections.WriteAsync(
            connection =>
            {
                var command = WriterCommands.For(connection, sql.Append);
                command.Parameters.AddWithValue("$stream", stream);
                var seq = command.Parameters.Add("$seq", SqliteType.Integer);
                var id = command.Parameters.Add("$id", SqliteType.Blob);
                var at = command.Parameters.Add("$at", SqliteType.Integer);
                var author = command.Parameters.Add("$author", SqliteType.Text);
                var dedup = command.Parameters.Add("$dedup", SqliteType.Text);
                var deleted = command.Parameters.Add("$deleted", SqliteType.Integer);
                var payload = command.Parameters.Add("$payload", SqliteType.Blob);
                foreach (var row in rows)
                {
                    seq.Value = row.Seq;
                    id.Value = row.EntryId.ToByteArray(bigEndian: true);
                    at.Value = StorageTime.ToUnixMilliseconds(row.Timestamp);
                    author.Value = row.Author;
                    dedup.Value = (object?)row.DedupKey ?? DBNull.Value;
                    deleted.Value = row.Deleted ? 1 : 0;
                    payload.Value = row.Payload;
                    try
                    {
                        command.ExecuteNonQuery();
                    }
                    catch (SqliteException exception) when (SqliteErrors.IsUniqueViolation(exception))
                    {
                        throw JournalConflict.Create(stream, row, exception);
                    }
                }

                return rows.Count;
            },
            cancellationToken);
    }

    public async Task<JournalRow?> GetLastAsync(string stream, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Last;
        command.Parameters.AddWithValue("$stream", stream);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindAsync(string stream, Guid entryId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Find;
        command.Parameters.AddWithValue("$stream", stream);
        AddEntryId(command, entryId);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindByDedupKeyAsync(string stream, string dedupKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql.FindByDedupKey;
        command.Parameters.AddWithValue("$stream", stream);
        command.Parameters.AddWithValue("$dedup", dedupKey);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateAsync(string stream, Guid entryId, byte[] payload, bool deleted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var updated = await connections.WriteAsync(
            connection =>
            {
                var command = WriterCommands.For(connection, sql.Update);
                command.Parameters.AddWithValue("$stream", stream);
                AddEntryId(command, entryId);
                command.Parameters.Add("$payload", SqliteType.Blob).Value = payload;
                command.Parameters.AddWithValue("$deleted", deleted ? 1 : 0);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
        return updated > 0;
    }

    public async Task<JournalPageRows> QueryAsync(string stream, JournalQuery query, CancellationToken cancellationToken)
    {
        var shape = JournalQueryShape.Of(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql.Query(shape);
        command.Parameters.AddWithValue("$stream", stream);
        if (query.From is { } from)
        {
            command.Parameters.AddWithValue("$from", StorageTime.ToUnixMilliseconds(from));
        }

        if (query.To is { } to)
        {
            command.Parameters.AddWithValue("$to", StorageTime.ToUnixMilliseconds(to));
        }

        if (query.Author is { } author)
        {
            command.Parameters.AddWithValue("$author", author);
        }

        if (query.AfterSeq is { } afterSeq)
        {
            command.Parameters.AddWithValue("$after", afterSeq);
        }

        if (query.BeforeSeq is { } beforeSeq)
        {
            command.Parameters.AddWithValue("$before", beforeSeq);
        }

        command.Parameters.AddWithValue("$limit", query.Limit);
        command.Parameters.AddWithValue("$offset", query.Offset);

        // One command, two statements: the count of every match, then the page.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await JournalPageRows.ReadAsync(reader, query.Limit, ReadRow, cancellationToken);
    }

    public Task DeleteThroughAsync(string stream, long throughSeq, CancellationToken cancellationToken) =>
        connections.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql.DeleteThrough;
                command.Parameters.AddWithValue("$stream", stream);
                command.Parameters.AddWithValue("$seq", throughSeq);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>The statements of one table; internal so that tests can check their plans.</summary>
    internal sealed class Statements
    {
        /// <summary>Conversations' messages.</summary>
        public static readonly Statements Journal = new("journal", authorIndex: "ix_journal_live_author");

        /// <summary>Users' event logs.</summary>
        public static readonly Statements EventLog = new("event_log", authorIndex: null);

        private readonly string?[] _queries = new string?[JournalQueryShape.Count];
        private readonly string? _authorIndex;

        private Statements(string table, string? authorIndex)
        {
            Table = table;
            _authorIndex = authorIndex;
            Append = $"INSERT INTO {table} (stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload) "
                + "VALUES ($stream, $seq, $id, $at, $author, $dedup, $deleted, $payload)";
            Last = $"SELECT {Columns} FROM {table} WHERE stream = $stream ORDER BY seq DESC LIMIT 1";
            Find = $"SELECT {Columns} FROM {table} WHERE stream = $stream AND entry_id = $id";
            FindByDedupKey = $"SELECT {Columns} FROM {table} WHERE stream = $stream AND dedup_key = $dedup";
            Update = $"UPDATE {table} SET payload = $payload, deleted = $deleted WHERE stream = $stream AND entry_id = $id";
            DeleteThrough = $"DELETE FROM {table} WHERE stream = $stream AND seq <= $seq";
        }

        public string Table { get; }

        public string Append { get; }

        public string Last { get; }

        public string Find { get; }

        public string FindByDedupKey { get; }

        public string Update { get; }

        public string DeleteThrough { get; }

        /// <summary>The query text for one combination of filters: the count of every match, then the page.</summary>
        public string Query(JournalQueryShape shape) => _queries[shape.Index] ??= BuildQuery(shape);

        private string BuildQuery(JournalQueryShape shape)
        {
            var where = new StringBuilder("stream = $stream AND deleted = 0");
            if (shape.HasFrom)
            {
                where.Append(" AND created_at_ms >= $from");
            }

            if (shape.HasTo)
            {
                where.Append(" AND created_at_ms <= $to");
            }

            if (shape.HasAuthor)
            {
                where.Append(" AND author = $author");
            }

            if (shape.HasAfterSeq)
            {
                where.Append(" AND seq > $after");
            }

            if (shape.HasBeforeSeq)
            {
                where.Append(" AND seq < $before");
            }

            // With an author and a seq window, SQLite's planner (without statistics) prefers the seq range of
            // ix_journal_live and reads every row in it to test the author; the author's own index reads only
            // that author's rows, in seq order, so it is named.
            var source = shape.HasAuthor && _authorIndex is not null ? $"{Table} INDEXED BY {_authorIndex}" : Table;
            var order = shape.Descending ? "DESC" : "ASC";
            return $"SELECT COUNT(*) FROM {source} WHERE {where};\n"
                + $"SELECT {Columns} FROM {source} WHERE {where} ORDER BY seq {order} LIMIT $limit OFFSET $offset;";
        }
    }

    private static void AddEntryId(SqliteCommand command, Guid entryId) =>
        command.Parameters.Add("$id", SqliteType.Blob).Value = entryId.ToByteArray(bigEndian: true);

    private static async Task<JournalRow?> ReadSingleAsync(SqliteCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? ReadRow(reader) : null;
    }

    private static JournalRow ReadRow(SqliteDataReader reader) => new(
        Seq: reader.GetInt64(0),
        EntryId: new Guid(reader.GetFieldValue<byte[]>(1), bigEndian: true),
        Timestamp: StorageTime.FromUnixMilliseconds(reader.GetInt64(2)),
        Author: reader.GetString(3),
        DedupKey: reader.IsDBNull(4) ? null : reader.GetString(4),
        Deleted: reader.GetInt64(5) != 0,
        Payload: reader.GetFieldValue<byte[]>(6));
}
