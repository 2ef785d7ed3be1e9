using System.Collections.Concurrent;

namespace Grains.Storage.Sqlite;

/// <summary>
/// A thread of its own for SQLite calls that block: the writer's transactions, the log's syncs, and the
/// checkpoints (copying the write-ahead log into the database file and syncing it, which can take a few
/// hundred milliseconds; <see cref="SqliteCheckpointer"/>). On the thread pool each would hold a pool
/// thread for as long as it blocks, and a machine with few cores has few pool threads: requests that only
/// need the CPU, such as reads answered from memory, would wait behind them. Work runs one item at a time,
/// in the order it was given. The thread starts with the first item and ends after
/// <paramref name="idleTimeout"/> (10 s by default) with nothing to do, so that a database file no longer
/// written to (a test process uses many) keeps no thread.
/// </summary>
internal sealed class SqliteThread(string name, TimeSpan? idleTimeout = null)
{
    private readonly TimeSpan _idleTimeout = idleTimeout ?? TimeSpan.FromSeconds(10);

    // Its waits spin briefly before they block, so that work given in quick succession does not wait for
    // the thread to be woken each time.
    private readonly BlockingCollection<Action> _work = [];
    private readonly Lock _gate = new();
    private bool _running;

    /// <summary>Runs <paramref name="work"/> on this thread; the task has its result or its exception.</summary>
    public Task<T> RunAsync<T>(Func<T> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var completion = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Queue(() =>
        {
            try
            {
                completion.SetResult(work());
            }
            catch (Exception exception)
            {
                completion.SetException(exception);
            }
        });
        return completion.Task;
    }

    /// <summary>Runs <paramref name="work"/> on this thread; the task completes when it has, or has its exception.</summary>
    public Task RunAsync(Action work)
    {
        ArgumentNullException.ThrowIfNull(work);
        return RunAsync(() =>
        {
            work();
            return true;
        });
    }

    private void Queue(Action work)
    {
        lock (_gate)
        {
            // Added under the lock, so that a thread about to end for want of work sees it.
            _work.Add(work);
            if (_running)
            {
                return;
            }

            _running = true;
        }

        new Thread(RunQueued) { IsBackground = true, Name = name }.Start();
    }

    private void RunQueued()
    {
        while (true)
        {
            if (!_work.TryTake(out var work, _idleTimeout))
            {
                lock (_gate)
                {
                    if (_work.Count > 0)
                    {
                        continue;
                    }

                    _running = false;
                    return;
                }
            }

            // Never throws: RunAsync hands every exception to its task.
            work();
        }
    }
}
