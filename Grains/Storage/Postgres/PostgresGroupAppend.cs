using Grains.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage.Postgres;

/// <summary>
/// Group commit of journal appends on PostgreSQL: the appends that queue up while one commit is under
/// way (from any grain of this silo) go to the database together, up to a limit of appends (each of one or
/// more rows, never split), as one multi-row insert in one transaction: one round trip and one WAL flush
/// for all of them, with up to a few such inserts under way at once. The insert skips the rows whose seq,
/// entry id or dedup key is taken (<c>ON CONFLICT DO NOTHING</c>) and returns the entry ids it wrote, so
/// an append with a conflicting row fails with <see cref="Orleans.Storage.InconsistentStateException"/>
/// while the other appends succeed. A caller hears of success only once the transaction has committed;
/// if the statement fails, every append of the batch fails with it.
/// </summary>
internal sealed class PostgresGroupAppend(NpgsqlDataSource dataSource, int maxAppendsPerCommit, string table, int maxConcurrentCommits)
    : GroupCommitQueue<PostgresGroupAppend.PendingAppend>(maxAppendsPerCommit, maxConcurrentCommits)
{
    private readonly string _appendManySql =
        $"INSERT INTO {table} (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload) "
        + "SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::boolean[], $8::bytea[]) "
        + "ON CONFLICT DO NOTHING RETURNING entry_id";

    /// <summary>Appends the rows once durable. Cancellation is observed only before the append is queued.</summary>
    public Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingAppend(stream, rows);
        Queue(pending);
        return pending.Completion.Task;
    }

    protected override async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        var written = await InsertAsync(batch).ConfigureAwait(false);
        Committed();
        foreach (var append in batch)
        {
            if (append.Rows.FirstOrDefault(row => !written.Contains(row.EntryId)) is { } skipped)
            {
                append.Completion.TrySetException(JournalConflict.Create(append.Stream, skipped));
            }
            else
            {
                append.Completion.TrySetResult();
            }
        }
    }

    protected override void Fail(PendingAppend append, Exception exception) => append.Completion.TrySetException(exception);

    private async Task<HashSet<Guid>> InsertAsync(IReadOnlyList<PendingAppend> batch)
    {
        var count = batch.Sum(append => append.Rows.Count);
        var streams = new string[count];
        var seqs = new long[count];
        var ids = new Guid[count];
        var times = new DateTimeOffset[count];
        var authors = new string[count];
        var dedupKeys = new string?[count];
        var deleted = new bool[count];
        var payloads = new byte[count][];
        var i = 0;
        foreach (var append in batch)
        {
            foreach (var row in append.Rows)
            {
                streams[i] = append.Stream;
                seqs[i] = row.Seq;
                ids[i] = row.EntryId;
                times[i] = StorageTime.Truncate(row.Timestamp);
                authors[i] = row.Author;
                dedupKeys[i] = row.DedupKey;
                deleted[i] = row.Deleted;
                payloads[i] = row.Payload;
                i++;
            }
        }

        await using var command = dataSource.CreateCommand(_appendManySql);
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = streams });
        command.Parameters.Add(new NpgsqlParameter<long[]> { TypedValue = seqs });
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = ids });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = times });
        command.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = authors });
        command.Parameters.Add(new NpgsqlParameter { Value = dedupKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = deleted });
        command.Parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = payloads });
        var written = new HashSet<Guid>(count);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            written.Add(reader.GetGuid(0));
        }

        return written;
    }

    internal sealed class PendingAppend(string stream, IReadOnlyList<JournalRow> rows)
    {
        public string Stream { get; } = stream;

        public IReadOnlyList<JournalRow> Rows { get; } = rows;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
