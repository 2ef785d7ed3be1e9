using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log into the database file (SQLite's checkpoint) on a thread of its own, so that the
/// writer's commits do not wait for it. SQLite's own auto-checkpoint runs inside the commit that fills the log,
/// and copying thousands of pages and syncing the database file held up every write queued behind that commit
/// (the sync alone took 38 ms in a send benchmark, a few times a second at the peak rate).
/// <para>
/// A checkpoint on another connection copies what the log holds while the writer goes on appending, so it never
/// finds the log fully copied, and SQLite starts the log again from its beginning only after a checkpoint that
/// copied everything. So, after a background checkpoint that found the log at least
/// <see cref="Settings.FinishAtFrames"/> long, the writer finishes it between two commits
/// (<see cref="TakeFinishRequest"/>): what is left to copy is what was appended meanwhile, and the next commit
/// starts the log again. The writer keeps SQLite's auto-checkpoint at <see cref="Settings.FallbackFrames"/>, far
/// past what this lets the log reach, in case background checkpoints fail.
/// </para>
/// <para>
/// SQLite syncs the log before a checkpoint copies it and the database file after, whichever connection runs it,
/// so a checkpoint here makes nothing durable that the writer has not, and loses nothing it has.
/// </para>
/// </summary>
internal sealed class SqliteCheckpointer(Func<SqliteConnection> open, SqliteCheckpointer.Settings settings) : IDisposable
{
    private readonly SqliteThread _thread = new("SQLite checkpoint");
    private SqliteConnection? _connection; // the checkpoint thread's own, opened with the first checkpoint
    private long _lastStarted; // a Stopwatch timestamp; 0 before the first, which is then long past
    private long _commitsSinceStarted;
    private int _running;
    private int _finishRequested;
    private int _disposed;
    private long _checkpoints;

    /// <summary>Background checkpoints run so far (each copied what the log held when it started).</summary>
    public long Checkpoints => Interlocked.Read(ref _checkpoints);

    /// <summary>
    /// Called by the writer's thread after each commit: starts a background checkpoint when the last one has ended,
    /// at least <see cref="Settings.Interval"/> has passed since it started, and <see cref="Settings.MinCommits"/>
    /// commits have been made since.
    /// </summary>
    public void Committed()
    {
        var commits = ++_commitsSinceStarted;
        if (commits < settings.MinCommits || Volatile.Read(ref _running) == 1 || Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        var now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(_lastStarted, now) < settings.Interval)
        {
            return;
        }

        _lastStarted = now;
        _commitsSinceStarted = 0;
        Volatile.Write(ref _running, 1);
        _ = _thread.RunAsync(CheckpointOnce);
    }

    /// <summary>
    /// Called by the writer's thread between commits: whether a background checkpoint found the log long enough
    /// that the writer should finish it now (<see cref="FinishOn"/>), so that the log starts again.
    /// </summary>
    public bool TakeFinishRequest() => Interlocked.Exchange(ref _finishRequested, 0) == 1;

    /// <summary>
    /// Copies, on the writer's own connection between two commits, what the log holds beyond the last background
    /// checkpoint. A failure leaves the log as it was: nothing committed depends on a checkpoint.
    /// </summary>
    public static void FinishOn(SqliteConnection writer)
    {
        try
        {
            PassiveCheckpoint(writer);
        }
        catch (SqliteException)
        {
            // Busy or failed: the next request tries again, and SQLite's fallback auto-checkpoint bounds the log.
        }
    }

    /// <summary>Refuses new checkpoints, waits for the one under way and closes the checkpoints' connection.</summary>
    public void Dispose()
    {
        Volatile.Write(ref _disposed, 1);
        _thread.RunAsync(() =>
        {
            _connection?.Dispose();
            _connection = null;
        }).Wait();
    }

    private void CheckpointOnce()
    {
        try
        {
            _connection ??= open();
            var logFrames = settings.Checkpoint(_connection);
            Interlocked.Increment(ref _checkpoints);
            if (logFrames >= settings.FinishAtFrames)
            {
                Volatile.Write(ref _finishRequested, 1);
            }
        }
        catch (SqliteException)
        {
            // Busy or failed: the next commit after the interval tries again, on a connection of its own.
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>Runs a passive checkpoint and returns how many frames the log held (SQLite's second result).</summary>
    internal static long PassiveCheckpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
        using var reader = command.ExecuteReader();
        return reader.Read() ? reader.GetInt64(1) : 0;
    }

    /// <summary>When checkpoints run and how.</summary>
    /// <param name="Interval">The least time between the starts of two background checkpoints.</param>
    /// <param name="MinCommits">The least number of commits between the starts of two background checkpoints.</param>
    /// <param name="FinishAtFrames">The log's length, in frames (pages), from which the writer finishes a checkpoint.</param>
    /// <param name="FallbackFrames">The writer's own auto-checkpoint, for when background checkpoints fail.</param>
    /// <param name="Checkpoint">Runs a checkpoint on the connection given and returns the log's length (tests hold it).</param>
    internal sealed record Settings(TimeSpan Interval, int MinCommits, int FinishAtFrames, int FallbackFrames, Func<SqliteConnection, long> Checkpoint)
    {
        /// <summary>
        /// At most five background checkpoints a second, and 20 commits at least between two, so that a quiet
        /// database is not synced for every few writes. The log starts again once it holds 32,000 pages (about
        /// 130 MB of file, reused from its beginning, not grown further): the writer's finishing step holds up
        /// every write queued behind it for its copy and the database file's sync, and at 4,000 pages it ran
        /// after nearly every background checkpoint under load (sends 1.12x with 32,000, bench/README.md).
        /// A reader looks a page up only among the frames the checkpoints have not copied yet, so a longer log
        /// does not lengthen its lookups; opening the database after a crash reads the log once.
        /// </summary>
        public static Settings Default { get; } = new(TimeSpan.FromMilliseconds(200), 20, 32_000, 50_000, PassiveCheckpoint);
    }
}
