using System.Globalization;
using Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace Grains.Tests.Storage;

/// <summary>
/// The SQLite writer with <c>Synchronous = Full</c>: it commits with SQLite's NORMAL sync and syncs the
/// write-ahead log itself, answering a write only after a sync that started after its commit.
/// The log's sync is replaced by one the test holds or fails; the database is a real file.
/// </summary>
public sealed class SqliteGroupCommitTests(SqliteTestProvider provider) : IClassFixture<SqliteTestProvider>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WriteIsAnsweredOnlyAfterTheLogIsSyncedAndTheNextCommitDoesNotWaitForThatSync()
    {
        var file = NewDatabase();
        var log = new HeldSync();
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: true, log.Sync);
        try
        {
            var first = writer.WriteAsync(connection => Insert(connection, 1), CancellationToken.None);
            await log.Started.WaitAsync(Patience);

            // Committed, and visible to readers, but not answered while its sync is under way.
            Assert.Equal(1, await CountAsync(file));
            Assert.False(first.IsCompleted, "The write was answered before the log was synced.");

            // The next batch commits meanwhile; it waits for a sync of its own.
            var second = writer.WriteAsync(connection => Insert(connection, 2), CancellationToken.None);
            await WaitUntilAsync(async () => await CountAsync(file) == 2);
            Assert.False(second.IsCompleted);

            log.Release();
            Assert.Equal(1, await first.WaitAsync(Patience));
            Assert.Equal(2, await second.WaitAsync(Patience));
            Assert.True(log.Syncs >= 2, $"Two commits, one after the other's sync had started, were answered after {log.Syncs} sync(s).");
        }
        finally
        {
            log.Release();
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task AfterAFailedSyncNoWriteIsAnsweredOrWritten()
    {
        var file = NewDatabase();
        var writer = new SqliteGroupCommit(
            () => OpenWriter(file), 128, syncEachCommit: true, _ => throw new IOException("The disk is gone."));
        try
        {
            var failed = await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(connection => Insert(connection, 1), CancellationToken.None));
            Assert.Contains("The disk is gone.", failed.InnerException?.Message, StringComparison.Ordinal);

            await Assert.ThrowsAsync<IOException>(() => writer.WriteAsync(connection => Insert(connection, 2), CancellationToken.None));
            Assert.Equal(1, await CountAsync(file));
        }
        finally
        {
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task ClosingTheWriterSyncsForTheWritesStillWaiting()
    {
        var file = NewDatabase();
        var log = new HeldSync();
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: true, log.Sync);
        var first = writer.WriteAsync(connection => Insert(connection, 1), CancellationToken.None);
        await log.Started.WaitAsync(Patience);
        var second = writer.WriteAsync(connection => Insert(connection, 2), CancellationToken.None);
        await WaitUntilAsync(async () => await CountAsync(file) == 2);

        var closing = Task.Run(writer.CloseConnection);
        log.Release();
        await closing.WaitAsync(Patience);

        Assert.Equal(2, await second.WaitAsync(Patience));
        Assert.Equal(1, await first.WaitAsync(Patience));
    }

    [Fact]
    public async Task WithNormalSyncTheWriterLeavesTheLogToSqlite()
    {
        var file = NewDatabase();
        var syncs = 0;
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: false, _ => Interlocked.Increment(ref syncs));
        try
        {
            Assert.Equal(1, await writer.WriteAsync(connection => Insert(connection, 1), CancellationToken.None).WaitAsync(Patience));
            Assert.Equal(0, syncs);
        }
        finally
        {
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task TransactionsAndLogSyncsBlockThreadsOfTheirOwnNotThePoolsThreads()
    {
        // A checkpoint inside a commit blocks for as long as it copies the log; a pool thread held that long
        // delays the requests that wait for one.
        var file = NewDatabase();
        var syncedOnPool = new List<bool>();
        var writer = new SqliteGroupCommit(
            () => OpenWriter(file), 128, syncEachCommit: true, _ =>
            {
                lock (syncedOnPool)
                {
                    syncedOnPool.Add(Thread.CurrentThread.IsThreadPoolThread);
                }
            });
        try
        {
            var wroteOnPool = await writer.WriteAsync(_ => Thread.CurrentThread.IsThreadPoolThread, CancellationToken.None).WaitAsync(Patience);
            Assert.False(wroteOnPool, "The transaction ran on a thread-pool thread.");
            lock (syncedOnPool)
            {
                Assert.NotEmpty(syncedOnPool);
                Assert.DoesNotContain(true, syncedOnPool);
            }
        }
        finally
        {
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task WritesFromManyThreadsAtOnceAreAllAnsweredShareTransactionsAndARefusedOneFailsAlone()
    {
        // The writer's thread takes the queue itself, batch after batch, and stops when it finds it empty:
        // writes queued from many threads while transactions run are all taken up and answered, they share
        // transactions, and one that fails fails alone without holding up the others.
        var file = NewDatabase();
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: true);
        try
        {
            await writer.WriteAsync(connection => Insert(connection, 0), CancellationToken.None).WaitAsync(Patience);
            var commitsBefore = writer.Commits;
            const int Threads = 16;
            const int WritesEach = 125;
            var writes = await Task.WhenAll(Enumerable.Range(0, Threads).Select(thread => Task.Run(async () =>
            {
                var mine = new List<Task<int>>(WritesEach);
                for (var i = 1; i <= WritesEach; i++)
                {
                    // Every tenth write takes id 0 again, which the table refuses.
                    var id = i % 10 == 0 ? 0 : (thread * WritesEach) + i;
                    mine.Add(writer.WriteAsync(connection => Insert(connection, id), CancellationToken.None));
                    if (i % 25 == 0)
                    {
                        await Task.Yield();
                    }
                }

                return mine;
            })));

            var all = writes.SelectMany(mine => mine).ToList();
            await Task.WhenAll(all.Select(write => write.ContinueWith(_ => { }, TaskScheduler.Default))).WaitAsync(Patience);
            var refused = all.Count(write => write.IsFaulted);
            Assert.Equal(Threads * (WritesEach / 10), refused);
            Assert.All(all.Where(write => write.IsFaulted), write => Assert.IsType<SqliteException>(write.Exception!.InnerException));
            Assert.Equal(1 + (Threads * WritesEach) - refused, await CountAsync(file));
            var commits = writer.Commits - commitsBefore;
            Assert.InRange(commits, 1, (Threads * WritesEach) - 1);
        }
        finally
        {
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task CommitsGoOnWhileACheckpointIsUnderWay()
    {
        // SQLite's own auto-checkpoint runs inside the commit that fills the log, and every write queued
        // behind that commit waited for it to copy the log and sync the database file.
        var file = NewDatabase();
        using var held = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var checkpoints = new SqliteCheckpointer.Settings(
            TimeSpan.Zero, MinCommits: 1, FinishAtFrames: 1_000_000, FallbackFrames: 1_000_000, connection =>
            {
                started.TrySetResult();
                Assert.True(held.Wait(Patience), "The checkpoint was never released.");
                return SqliteCheckpointer.PassiveCheckpoint(connection);
            });
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: true, checkpoints: checkpoints);
        try
        {
            await writer.WriteAsync(connection => Insert(connection, 1), CancellationToken.None).WaitAsync(Patience);
            await started.Task.WaitAsync(Patience);
            for (var id = 2; id <= 50; id++)
            {
                var written = id;
                Assert.Equal(written, await writer.WriteAsync(connection => Insert(connection, written), CancellationToken.None).WaitAsync(Patience));
            }

            Assert.Equal(50, await CountAsync(file));
        }
        finally
        {
            held.Set();
            writer.CloseConnection();
        }
    }

    [Fact]
    public async Task UnderContinuousWritesTheLogIsCopiedIntoTheDatabaseAndStartsAgain()
    {
        // A checkpoint beside a writer that keeps appending never finds the log fully copied: unless the writer
        // finishes it, the log never starts again from its beginning and grows with every commit.
        var file = NewDatabase();
        var databaseBefore = new FileInfo(file).Length;
        var checkpoints = SqliteCheckpointer.Settings.Default with
        {
            Interval = TimeSpan.Zero,
            MinCommits = 10,
            FinishAtFrames = 50,
            FallbackFrames = 1_000_000,
        };
        var writer = new SqliteGroupCommit(() => OpenWriter(file), 128, syncEachCommit: true, checkpoints: checkpoints);
        try
        {
            // Four writes in flight at a time, so that the writer commits without pause, as under load: each
            // commit appends at least one page (4 KiB) to the log, 8 MB or more for 2,000 commits.
            const int Writes = 8_000;
            var commitsBefore = writer.Commits;
            for (var id = 1; id <= Writes; id += 4)
            {
                var first = id;
                await Task.WhenAll(Enumerable.Range(first, 4).Select(written =>
                    writer.WriteAsync(connection => Insert(connection, written), CancellationToken.None))).WaitAsync(Patience);
            }

            var commits = writer.Commits - commitsBefore;
            Assert.True(writer.BackgroundCheckpoints > 0, "No checkpoint ran off the writer's thread.");
            var log = new FileInfo(file + "-wal").Length;
            Assert.True(log < 1_000_000, $"The log grew to {log} bytes over {commits} commits: it did not start again.");
            Assert.True(new FileInfo(file).Length > databaseBefore, "Nothing was copied into the database file.");
            Assert.Equal(Writes, await CountAsync(file));
        }
        finally
        {
            writer.CloseConnection();
        }
    }

    private string NewDatabase()
    {
        var file = Path.Combine(provider.Directory, $"group-commit-{Guid.NewGuid():N}.db");
        using var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE item (id INTEGER PRIMARY KEY)";
        command.ExecuteNonQuery();
        return file;
    }

    private static SqliteConnection OpenWriter(string file)
    {
        var connection = Open(file);
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        command.ExecuteNonQuery();
        return connection;
    }

    private static SqliteConnection Open(string file)
    {
        var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        connection.Open();
        return connection;
    }

    private static int Insert(SqliteConnection connection, int id)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO item (id) VALUES ($id)";
        command.Parameters.AddWithValue("$id", id);
        command.ExecuteNonQuery();
        return id;
    }

    private static async Task<long> CountAsync(string file)
    {
        await using var connection = Open(file);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM item";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Patience;
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    /// <summary>A log sync that blocks until released, and counts the syncs.</summary>
    private sealed class HeldSync
    {
        private readonly ManualResetEventSlim _released = new();
        private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _syncs;

        public Task Started => _started.Task;

        public int Syncs => Volatile.Read(ref _syncs);

        public void Sync(SafeFileHandle log)
        {
            Assert.False(log.IsInvalid);
            Interlocked.Increment(ref _syncs);
            _started.TrySetResult();
            Assert.True(_released.Wait(Patience), "The sync was never released.");
        }

        public void Release() => _released.Set();
    }
}
