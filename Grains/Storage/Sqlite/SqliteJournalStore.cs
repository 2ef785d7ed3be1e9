using System.Text;
using Grains.Journal;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>Journals in the <c>journal</c> table, keyed by (stream, seq); times as unix milliseconds.</summary>
internal sealed class SqliteJournalStore(SqliteConnectionFactory connections) : IJournalStore
{
    private const string Columns = "seq, entry_id, created_at_ms, author, dedup_key, deleted, payload";

    internal const string AppendSql =
        "INSERT INTO journal (stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload) "
        + "VALUES ($stream, $seq, $id, $at, $author, $dedup, $deleted, $payload)";

    internal const string LastSql = $"SELECT {Columns} FROM journal WHERE stream = $stream ORDER BY seq DESC LIMIT 1";

    internal const string FindSql = $"SELECT {Columns} FROM journal WHERE stream = $stream AND entry_id = $id";

    internal const string FindByDedupKeySql = $"SELECT {Columns} FROM journal WHERE stream = $stream AND dedup_key = $dedup";

    internal const string UpdateSql =
        "UPDATE journal SET payload = $payload, deleted = $deleted WHERE stream = $stream AND entry_id = $id";

    internal const string DeleteThroughSql = "DELETE FROM journal WHERE stream = $stream AND seq <= $seq";

    private static readonly string?[] QuerySqlByShape = new string?[JournalQueryShape.Count];

    /// <summary>One write of the group commit: all the rows in its savepoint, so a conflict writes none of them.</summary>
    public Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return connections.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = AppendSql;
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
        command.CommandText = LastSql;
        command.Parameters.AddWithValue("$stream", stream);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindAsync(string stream, Guid entryId, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FindSql;
        command.Parameters.AddWithValue("$stream", stream);
        AddEntryId(command, entryId);
        return await ReadSingleAsync(command, cancellationToken);
    }

    public async Task<JournalRow?> FindByDedupKeyAsync(string stream, string dedupKey, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = FindByDedupKeySql;
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
                using var command = connection.CreateCommand();
                command.CommandText = UpdateSql;
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
        command.CommandText = QuerySqlByShape[shape.Index] ??= BuildQuerySql(shape);
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
                command.CommandText = DeleteThroughSql;
                command.Parameters.AddWithValue("$stream", stream);
                command.Parameters.AddWithValue("$seq", throughSeq);
                return command.ExecuteNonQuery();
            },
            cancellationToken);

    /// <summary>The query text for one combination of filters; internal so that tests can check its plan.</summary>
    internal static string BuildQuerySql(JournalQueryShape shape)
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
        var source = shape.HasAuthor ? "journal INDEXED BY ix_journal_live_author" : "journal";
        var order = shape.Descending ? "DESC" : "ASC";
        return $"SELECT COUNT(*) FROM {source} WHERE {where};\n"
            + $"SELECT {Columns} FROM {source} WHERE {where} ORDER BY seq {order} LIMIT $limit OFFSET $offset;";
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
