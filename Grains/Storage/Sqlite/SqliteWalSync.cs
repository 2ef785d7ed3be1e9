using Microsoft.Win32.SafeHandles;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Makes commits durable by syncing the database's write-ahead log file, apart from the commits
/// themselves: the writer commits with <c>synchronous = NORMAL</c> (SQLite writes the log but does not
/// sync it) and asks this for a sync before it answers the commit's writes. The next transaction runs
/// while the sync is under way, and one sync covers every commit made before it starts.
/// <para>
/// A log synced after a commit holds that commit on disk: SQLite recovers the log's committed
/// transactions after a crash, and drops any partly written one by its checksums, as it does in NORMAL
/// mode. Checkpoints sync the log and the database file themselves.
/// </para>
/// <para>
/// If a sync fails, what the log held may not be on disk, and a later sync that succeeds does not prove
/// otherwise (the kernel may have dropped the pages that failed): every sync after that fails too, so
/// that no later write is acknowledged by this process.
/// </para>
/// </summary>
internal sealed class SqliteWalSync : IDisposable
{
    private readonly SafeFileHandle _log;
    private readonly Action<SafeFileHandle> _sync;
    private readonly SemaphoreSlim _syncing = new(1, 1);
    private readonly SqliteThread _thread = new("SQLite log sync");
    private readonly Lock _gate = new();
    private TaskCompletionSource? _waiting; // commits waiting for a sync that has not started
    private Exception? _failure;

    /// <param name="logPath">The write-ahead log file (the database file's name and <c>-wal</c>).</param>
    /// <param name="sync">Syncs the file to disk (<see cref="RandomAccess.FlushToDisk"/>; tests slow it or fail it).</param>
    public SqliteWalSync(string logPath, Action<SafeFileHandle>? sync = null)
    {
        // Opened by the writer while its connection holds the log open: SQLite deletes the file only when
        // its last connection closes, so this handle and SQLite's name the same file.
        _log = File.OpenHandle(logPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
        _sync = sync ?? RandomAccess.FlushToDisk;
    }

    /// <summary>
    /// Completes once a sync of the log that started after this call has finished: what was committed
    /// before the call is then on disk. Fails if that sync, or any earlier one, failed. Continuations that
    /// ask to run synchronously run on the sync's thread, which the next sync waits for: they must be short
    /// (the group commit's answers its writes, whose callers continue elsewhere).
    /// </summary>
    public Task SyncAsync()
    {
        TaskCompletionSource waiting;
        lock (_gate)
        {
            if (_failure is not null)
            {
                return Task.FromException(_failure);
            }

            if (_waiting is not null)
            {
                return _waiting.Task;
            }

            waiting = _waiting = new TaskCompletionSource();
        }

        _ = _thread.RunAsync(SyncWaitingOnce);
        return waiting.Task;
    }

    /// <summary>Syncs for the commits still waiting, then closes the file.</summary>
    public void Dispose()
    {
        _syncing.Wait();
        try
        {
            SyncWaiting();
            lock (_gate)
            {
                _failure ??= new ObjectDisposedException(nameof(SqliteWalSync));
            }

            _log.Dispose();
        }
        finally
        {
            _syncing.Release();
        }
    }

    private void SyncWaitingOnce()
    {
        // One sync at a time (Dispose syncs too): commits that ask meanwhile wait for the next one, all together.
        _syncing.Wait();
        try
        {
            SyncWaiting();
        }
        finally
        {
            _syncing.Release();
        }
    }

    private void SyncWaiting()
    {
        TaskCompletionSource? waiting;
        Exception? failure;
        lock (_gate)
        {
            (waiting, _waiting, failure) = (_waiting, null, _failure);
        }

        if (waiting is null)
        {
            return;
        }

        if (failure is not null)
        {
            waiting.SetException(failure);
            return;
        }

        try
        {
            _sync(_log);
        }
        catch (Exception exception)
        {
            failure = new IOException("Syncing the SQLite write-ahead log failed; this process acknowledges no more writes.", exception);
            lock (_gate)
            {
                _failure ??= failure;
            }

            waiting.SetException(failure);
            return;
        }

        waiting.SetResult();
    }
}
