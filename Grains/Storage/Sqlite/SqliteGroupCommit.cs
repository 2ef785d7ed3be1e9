using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Group commit for one database file: the writes of this process (journal appends, grain state, from
/// any grain) queue here, and one writer commits whatever has queued up, up to a limit, in one
/// transaction, so that one fsync makes many writes durable. Each write runs in its own savepoint: a write
/// that fails (a taken seq, a stale ETag) is rolled back alone and its caller gets its exception, while
/// the others commit. A caller hears of success only once the transaction holding its write has
/// committed; if the commit fails, every write of the batch fails with it, and none of them is written.
/// <para>
/// SQLite has one writer at a time, so this also replaces a write lock: writers of this process wait
/// here, asynchronously, instead of in SQLite's busy handler, which sleeps on the calling thread with a
/// growing back-off. Writers in other processes on the same file still meet the busy handler.
/// </para>
/// </summary>
internal sealed class SqliteGroupCommit(Func<CancellationToken, Task<SqliteConnection>> open, int maxWritesPerCommit)
    : GroupCommitQueue<SqliteGroupCommit.PendingWrite>(maxWritesPerCommit)
{
    /// <summary>
    /// Runs <paramref name="write"/> (synchronous SQLite commands on the given connection, inside the
    /// batch's transaction) and completes once it is committed. Cancellation is observed only before the
    /// write is queued: once queued, it is committed or failed like any write already sent to a database.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(write);
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new PendingWrite<T>(write);
        Queue(pending);
        return pending.Task;
    }

    protected override async Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        await WriteBatchAsync(batch).ConfigureAwait(false);

        // Only now, with the connection back in the pool: a caller may close the pool as soon as it hears.
        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    protected override void Fail(PendingWrite write, Exception exception) => write.Fail(exception);

    private async Task WriteBatchAsync(IReadOnlyList<PendingWrite> batch)
    {
        await using var connection = await open(CancellationToken.None).ConfigureAwait(false);
        using var savepoint = Command(connection, "SAVEPOINT write");
        using var release = Command(connection, "RELEASE write");
        using var rollbackTo = Command(connection, "ROLLBACK TO write");
        Execute(connection, "BEGIN IMMEDIATE");
        var committed = false;
        try
        {
            foreach (var write in batch)
            {
                savepoint.ExecuteNonQuery();
                if (!write.Run(connection))
                {
                    rollbackTo.ExecuteNonQuery();
                }

                release.ExecuteNonQuery();
            }

            Execute(connection, "COMMIT");
            committed = true;
            Committed();
        }
        finally
        {
            if (!committed)
            {
                TryRollback(connection);
            }
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = Command(connection, sql);
        command.ExecuteNonQuery();
    }

    private static void TryRollback(SqliteConnection connection)
    {
        try
        {
            Execute(connection, "ROLLBACK");
        }
        catch (SqliteException)
        {
            // SQLite rolled the transaction back itself (for instance after an I/O error).
        }
    }

    internal abstract class PendingWrite
    {
        /// <summary>Runs the write; false when it threw, and its caller has its exception.</summary>
        public abstract bool Run(SqliteConnection connection);

        /// <summary>The batch committed: the write, unless it was refused, succeeded.</summary>
        public abstract void Complete();

        public abstract void Fail(Exception exception);
    }

    private sealed class PendingWrite<T>(Func<SqliteConnection, T> write) : PendingWrite
    {
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T _result = default!;
        private bool _succeeded;

        public Task<T> Task => _completion.Task;

        public override bool Run(SqliteConnection connection)
        {
            try
            {
                _result = write(connection);
                _succeeded = true;
                return true;
            }
            catch (Exception exception)
            {
                _completion.TrySetException(exception);
                return false;
            }
        }

        public override void Complete()
        {
            if (_succeeded)
            {
                _completion.TrySetResult(_result);
            }
        }

        public override void Fail(Exception exception) => _completion.TrySetException(exception);
    }
}
