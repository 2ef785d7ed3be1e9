using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Group commit for one database file: the writes of this process (journal appends, grain state, from
/// any grain) queue here, and the writer's thread commits whatever has queued up, up to a limit, in one
/// transaction, so that one fsync makes many writes durable. Each write runs in its own savepoint: a write
/// that fails (a taken seq, a stale ETag) is rolled back alone and its caller gets its exception, while
/// the others commit. A caller hears of success only once the transaction holding its write has
/// committed and is on disk; if the commit fails, every write of the batch fails with it, and none of them is written.
/// <para>
/// SQLite has one writer at a time, so this also replaces a write lock: writers of this process wait
/// here, asynchronously, instead of in SQLite's busy handler, which sleeps on the calling thread with a
/// growing back-off. Writers in other processes on the same file still meet the busy handler.
/// </para>
/// <para>
/// The writer keeps one connection of its own between commits, and with it the write-ahead log open.
/// When every commit is to be durable (<see cref="SqliteSynchronousMode.Full"/>, on a database file in WAL
/// mode), it commits with <c>synchronous = NORMAL</c> and syncs the log itself (<see cref="SqliteWalSync"/>)
/// before it answers a batch: the next batch's transaction runs while the previous one's sync is under
/// way, instead of after it, and a sync covers every batch committed before it starts. Transactions and
/// syncs block their thread, so each runs on a thread of its own (<see cref="SqliteThread"/>), never on
/// the thread pool. The log is copied into the database file on a third (<see cref="SqliteCheckpointer"/>),
/// not inside a commit.
/// </para>
/// <para>
/// A send waits for two commits in a row (its message, then its participants' events), and on a machine
/// with few cores every hand-off between threads on the way costs a wake-up that waits for a core. So the
/// writer's thread takes the next batch itself, as soon as a transaction has run (what queued up
/// meanwhile), and the sync's thread answers the writes it made durable; no thread-pool thread stands
/// between the caller's queueing, the transaction, the sync and the answer.
/// </para>
/// </summary>
/// <param name="syncLog">Syncs the log file (tests slow it or fail it); <see cref="RandomAccess.FlushToDisk"/> by default.</param>
/// <param name="checkpoints">When the log is copied into the database file (<see cref="SqliteCheckpointer"/>); tests change it.</param>
internal sealed class SqliteGroupCommit(
    Func<SqliteConnection> openWriter,
    int maxWritesPerCommit,
    bool syncEachCommit,
    Action<SafeFileHandle>? syncLog = null,
    SqliteCheckpointer.Settings? checkpoints = null)
{
    private readonly int _maxWritesPerCommit = AtLeastOne(maxWritesPerCommit);
    private readonly ConcurrentQueue<PendingWrite> _pending = new();
    private readonly Lock _writerLock = new();
    private readonly SqliteThread _thread = new("SQLite writer");
    private Writer? _writer;
    private Exception? _lostSync;
    private int _draining; // 1 while the writer's thread has been asked to take the queue, until it finds it empty
    private long _commits;

    /// <summary>Transactions committed so far (each holding one or more writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Checkpoints run off the writer's thread by its current connection's checkpointer (0 without one).</summary>
    public long BackgroundCheckpoints
    {
        get
        {
            lock (_writerLock)
            {
                return _writer?.Checkpointer?.Checkpoints ?? 0;
            }
        }
    }

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
        _pending.Enqueue(pending);
        if (Interlocked.Exchange(ref _draining, 1) == 0)
        {
            _ = _thread.RunAsync(Drain);
        }

        return pending.Task;
    }

    /// <summary>Syncs the log for the batches still waiting, and closes the writer's connection; the next
    /// commit, if any, opens another.</summary>
    public void CloseConnection()
    {
        lock (_writerLock)
        {
            _writer?.Dispose();
            _writer = null;
        }
    }

    private static int AtLeastOne(int maxWritesPerCommit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWritesPerCommit, 1);
        return maxWritesPerCommit;
    }

    /// <summary>
    /// On the writer's thread: commits what has queued up, one batch after another, until the queue is
    /// empty. Never throws: a failure goes to the writes of its batch.
    /// </summary>
    private void Drain()
    {
        while (true)
        {
            var batch = new List<PendingWrite>();
            while (batch.Count < _maxWritesPerCommit && _pending.TryDequeue(out var write))
            {
                batch.Add(write);
            }

            if (batch.Count == 0)
            {
                // A write queued between finding the queue empty and clearing the flag saw a drain under way
                // and asked for none: take it up here, unless a write queued since has asked for a new drain.
                Volatile.Write(ref _draining, 0);
                if (_pending.IsEmpty || Interlocked.Exchange(ref _draining, 1) == 1)
                {
                    return;
                }

                continue;
            }

            Task durable;
            try
            {
                durable = RunTransaction(batch);
            }
            catch (Exception exception)
            {
                foreach (var write in batch)
                {
                    write.Fail(exception);
                }

                continue;
            }

            // Answered by the sync that makes the batch durable, on its thread (or here, when there is none).
            durable.ContinueWith(
                (sync, writes) => Answer((List<PendingWrite>)writes!, sync),
                batch,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    private void Answer(List<PendingWrite> batch, Task sync)
    {
        if (sync.Exception is { } failed)
        {
            var exception = failed.InnerException ?? failed;
            lock (_writerLock)
            {
                _lostSync ??= exception;
            }

            foreach (var write in batch)
            {
                write.Fail(exception);
            }

            return;
        }

        foreach (var write in batch)
        {
            write.Complete();
        }
    }

    /// <summary>Runs the batch's transaction (on the writer's thread) and returns the wait for it to be durable.</summary>
    private Task RunTransaction(IReadOnlyList<PendingWrite> batch)
    {
        Task durable;
        lock (_writerLock)
        {
            if (_lostSync is not null)
            {
                throw new IOException("An earlier sync of the SQLite write-ahead log failed; restart the process.", _lostSync);
            }

            _writer ??= Writer.Open(openWriter, syncEachCommit, syncLog, checkpoints ?? SqliteCheckpointer.Settings.Default);
            try
            {
                WriteBatch(_writer.Connection, batch);
            }
            catch
            {
                // The connection may be in any state after a failed commit (an I/O error, say): start afresh.
                _writer.Dispose();
                _writer = null;
                throw;
            }

            durable = _writer.SyncAsync();
            if (_writer.Checkpointer is { } checkpointer)
            {
                if (checkpointer.TakeFinishRequest())
                {
                    SqliteCheckpointer.FinishOn(_writer.Connection);
                }

                checkpointer.Committed();
            }
        }

        return durable;
    }

    private void WriteBatch(SqliteConnection connection, IReadOnlyList<PendingWrite> batch)
    {
        var savepoint = WriterCommands.For(connection, "SAVEPOINT write");
        var release = WriterCommands.For(connection, "RELEASE write");
        var rollbackTo = WriterCommands.For(connection, "ROLLBACK TO write");
        WriterCommands.For(connection, "BEGIN IMMEDIATE").ExecuteNonQuery();
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

            WriterCommands.For(connection, "COMMIT").ExecuteNonQuery();
            committed = true;
            Interlocked.Increment(ref _commits);
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

    /// <summary>
    /// The writer's connection, the log sync when the writer syncs the log itself, and the checkpointer when the
    /// database is a file in WAL mode.
    /// </summary>
    private sealed class Writer(SqliteConnection connection, SqliteWalSync? walSync, SqliteCheckpointer? checkpointer) : IDisposable
    {
        public SqliteConnection Connection => connection;

        public SqliteCheckpointer? Checkpointer => checkpointer;

        public static Writer Open(
            Func<SqliteConnection> open, bool syncEachCommit, Action<SafeFileHandle>? syncLog, SqliteCheckpointer.Settings checkpoints)
        {
            var connection = open();
            try
            {
                // An in-memory database, or one SQLite could not put in WAL mode, keeps its pragmas.
                var file = connection.DataSource;
                if (string.IsNullOrEmpty(file)
                    || !string.Equals(Scalar(connection, "PRAGMA journal_mode") as string, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    return new Writer(connection, walSync: null, checkpointer: null);
                }

                Execute(connection, FormattableString.Invariant($"PRAGMA wal_autocheckpoint = {checkpoints.FallbackFrames}"));
                var checkpointer = new SqliteCheckpointer(open, checkpoints);
                if (!syncEachCommit)
                {
                    return new Writer(connection, walSync: null, checkpointer);
                }

                Execute(connection, "PRAGMA synchronous = NORMAL");
                return new Writer(connection, new SqliteWalSync(file + "-wal", syncLog), checkpointer);
            }
            catch
            {
                connection.Dispose();
                throw;
            }
        }

        public Task SyncAsync() => walSync?.SyncAsync() ?? Task.CompletedTask;

        public void Dispose()
        {
            try
            {
                checkpointer?.Dispose();
                walSync?.Dispose();
            }
            finally
            {
                connection.Dispose();
            }
        }

        private static object? Scalar(SqliteConnection connection, string sql)
        {
            using var command = Command(connection, sql);
            return command.ExecuteScalar();
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
