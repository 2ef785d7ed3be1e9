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
    private const string Columns = "stream, seq, entry_id, created_at, author, dedup_key, deleted, payload";
    private const string Arrays = "$1::text[], $2::bigint[], $3::uuid[], $4::timestamptz[], $5::text[], $6::text[], $7::boolean[], $8::bytea[]";
    private const string TailArrays = "$9::text[], $10::bigint[], $11::uuid[], $12::timestamptz[], $13::text[], $14::text[], $15::boolean[], $16::bytea[], $17::uuid[]";

    // A batch of one-row appends has heads only: their insert alone, cheaper for PostgreSQL to run.
    private readonly string _appendHeadsSql = HeadsInsert(table);

    // $1 to $8 are the appends' first rows (the heads); $9 to $16 their other rows (the tails), and $17 the
    // entry id of each tail's head. The tails' insert reads the heads' RETURNING, so it runs after it.
    private readonly string _appendManySql =
        $"WITH heads AS ({HeadsInsert(table)}), "
        + $"tails AS (INSERT INTO {table} ({Columns}) SELECT {Columns} FROM unnest({TailArrays}) AS t ({Columns}, head) "
        + "WHERE head IN (SELECT entry_id FROM heads) RETURNING entry_id) "
        + "SELECT entry_id FROM heads UNION ALL SELECT entry_id FROM tails";

    /// <summary>Appends the rows once durable. Cancellation is observed only before the append is queued.</summary>
    public Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (rows.Count == 0)
        {
            return Task.CompletedTask;
        }

        var pending = new PendingAppend(stream, rows);
        Queue(pending);
        return pending.Completion.Task;
    }

    /// <summary>Inserts the heads ($1 to $8), skipping those taken, and returns the entry ids that went in.</summary>
    private static string HeadsInsert(string table) =>
        $"INSERT INTO {table} ({Columns}) SELECT * FROM unnest({Arrays}) ON CONFLICT DO NOTHING RETURNING entry_id";

    protected override async Task CommitAsync(IReadOnlyList<PendingAppend> batch)
    {
        HashSet<Guid> written;
        try
        {
            written = await InsertAsync(batch).ConfigureAwait(false);
        }
        catch (PostgresException exception) when (PostgresErrors.IsUniqueViolation(exception))
        {
            // A row after an append's first was taken, and the statement wrote nothing: each append alone,
            // which answers the offending one with its own error.
            await CommitEachAsync(batch).ConfigureAwait(false);
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

    private async Task CommitEachAsync(IReadOnlyList<PendingAppend> batch)
    {
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
        var heads = new Columnar(batch.Count);
        var tails = new Columnar(count - batch.Count);
        var tailHeads = new Guid[count - batch.Count];
        foreach (var append in batch)
        {
            heads.Add(append.Stream, append.Rows[0]);
            for (var i = 1; i < append.Rows.Count; i++)
            {
                tailHeads[tails.Count] = append.Rows[0].EntryId;
                tails.Add(append.Stream, append.Rows[i]);
            }
        }

        await using var command = dataSource.CreateCommand(tails.Count == 0 ? _appendHeadsSql : _appendManySql);
        heads.AddParameters(command.Parameters);
        if (tails.Count > 0)
        {
            tails.AddParameters(command.Parameters);
            command.Parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = tailHeads });
        }
        var written = new HashSet<Guid>(count);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            written.Add(reader.GetGuid(0));
        }

        return written;
    }

    /// <summary>Rows as one array per column, the shape <c>unnest</c> takes.</summary>
    private sealed class Columnar(int capacity)
    {
        private readonly string[] _streams = new string[capacity];
        private readonly long[] _seqs = new long[capacity];
        private readonly Guid[] _ids = new Guid[capacity];
        private readonly DateTimeOffset[] _times = new DateTimeOffset[capacity];
        private readonly string[] _authors = new string[capacity];
        private readonly string?[] _dedupKeys = new string?[capacity];
        private readonly bool[] _deleted = new bool[capacity];
        private readonly byte[][] _payloads = new byte[capacity][];

        public int Count { get; private set; }

        public void Add(string stream, JournalRow row)
        {
            _streams[Count] = stream;
            _seqs[Count] = row.Seq;
            _ids[Count] = row.EntryId;
            _times[Count] = StorageTime.Truncate(row.Timestamp);
            _authors[Count] = row.Author;
            _dedupKeys[Count] = row.DedupKey;
            _deleted[Count] = row.Deleted;
            _payloads[Count] = row.Payload;
            Count++;
        }

        public void AddParameters(NpgsqlParameterCollection parameters)
        {
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _streams });
            parameters.Add(new NpgsqlParameter<long[]> { TypedValue = _seqs });
            parameters.Add(new NpgsqlParameter<Guid[]> { TypedValue = _ids });
            parameters.Add(new NpgsqlParameter<DateTimeOffset[]> { TypedValue = _times });
            parameters.Add(new NpgsqlParameter<string[]> { TypedValue = _authors });
            parameters.Add(new NpgsqlParameter { Value = _dedupKeys, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            parameters.Add(new NpgsqlParameter<bool[]> { TypedValue = _deleted });
            parameters.Add(new NpgsqlParameter<byte[][]> { TypedValue = _payloads });
        }
    }

    internal sealed class PendingAppend(string stream, IReadOnlyList<JournalRow> rows)
    {
        public string Stream { get; } = stream;

        public IReadOnlyList<JournalRow> Rows { get; } = rows;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
