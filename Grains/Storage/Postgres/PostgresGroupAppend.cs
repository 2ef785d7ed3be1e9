using Grains.Journal;
using Npgsql;
using NpgsqlTypes;

namespace Grains.Storage.Postgres;

/// <summary>
/// Group commit of journal appends on PostgreSQL: the appends that queue up while one commit is under
/// way (from any grain of this silo) go to the database together, up to a limit of appends (each of one or
/// more rows, never split), as one statement in one transaction: one round trip and one WAL flush for all
/// of them, with up to a few such statements under way at once. Each append is all or nothing. The
/// statement inserts every append's first row, skipping those whose seq, entry id or dedup key is taken
/// (<c>ON CONFLICT DO NOTHING</c>), then the other rows of only the appends whose first row went in, so
/// an append that lost the race for its first seq fails with
/// <see cref="Orleans.Storage.InconsistentStateException"/>, writes nothing, and the other appends
/// succeed. A later row can only be taken if its own stream is damaged; then the statement fails as a
/// whole and each of its appends is tried again on its own, so that only the offending one fails. A
/// caller hears of success only once its rows have committed.
/// </summary>
internal sealed class PostgresGroupAppend(NpgsqlDataSource dataSource, int maxAppendsPerCommit, string table, int maxConcurrentCommits)
    : GroupCommitQueue<PostgresGroupAppend.PendingAppend>(maxAppendsPerCommit, maxConcurrentCommits)
{
    // $9 is, for each row, the entry id of its append's first row (the head). The second insert reads
    // the first's RETURNING, so it runs after it and sees the heads that went in.
    private readonly string _appendManySql =
        "WITH input AS (SELECT * FROM unnest($1::text[], $2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::boolean[], $8::bytea[], $9::uuid[]) "
        + "AS t (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload, head)), "
        + $"heads AS (INSERT INTO {table} (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload) "
        + "SELECT stream, seq, entry_id, created_at, author, dedup_key, deleted, payload FROM input WHERE entry_id = head "
        + "ON CONFLICT DO NOTHING RETURNING entry_id), "
        + $"tails AS (INSERT INTO {table} (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload) "
        + "SELECT stream, seq, entry_id, created_at, author, dedup_key, deleted, payload FROM input "
        + "WHERE entry_id <> head AND head IN (SELECT entry_id FROM heads) RETURNING entry_id) "
        + "SELECT entry_id FROM heads UNION ALL SELECT entry_id FROM tails";

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
        HashSet<Guid> written;
        try
        {
            written = await InsertAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgresErrors.IsUniqueViolation(exception))
        {
            // A row after an append's first was taken, and the statement wrote nothing: each append alone.
            await CommitEachAsync(batch, exception).ConfigureAwait(false);
            return;
        }

        Committed();
        foreach (var append in batch)
        {
            Answer(append, written);
        }
    }

    protected override void Fail(PendingAppend append, Exception exception) => append.Completion.TrySetException(exception);

    private static void Answer(PendingAppend append, HashSet<Guid> written)
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

    private async Task CommitEachAsync(IReadOnlyList<PendingAppend> batch, PostgresException batchException)
    {
        if (batch.Count == 1)
        {
            batch[0].Completion.TrySetException(JournalConflict.Create(batch[0].Stream, batchException));
            return;
        }

        foreach (var append in batch)
        {
            try
            {
                Answer(append, await InsertAsync([append]).ConfigureAwait(false));
                Committed();
            }
            catch (PostgresException exception) when (PostgresErrors.IsUniqueViolation(exception))
            {
                append.Completion.TrySetException(JournalConflict.Create(append.Stream, exception));
            }
        }
    }

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
        var heads = new Guid[count];
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
                heads[i] = append.Rows[0].EntryId;
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
        command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = heads });
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
