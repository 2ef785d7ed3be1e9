using System.Threading.Channels;

namespace Grains.Storage;

/// <summary>
/// The queue of a group commit: writes queue here from any grain, and one loop hands whatever has queued
/// up, up to a limit, to <see cref="CommitAsync"/>, which writes them in one transaction; writes that
/// arrive meanwhile wait for the next one. Up to a set number of commits run at once (a few for a server
/// that commits concurrently and flushes its log for all of them at once, such as PostgreSQL), so that a
/// commit's round trip does not leave the database idle. (SQLite's writer, one transaction at a time on a
/// thread of its own, keeps a queue of its own: <c>SqliteGroupCommit</c>.) If <see cref="CommitAsync"/>
/// throws, nothing of the batch is written and every write not already answered fails with the cause.
/// </summary>
internal abstract class GroupCommitQueue<TWrite>
{
    private readonly Channel<TWrite> _pending = Channel.CreateUnbounded<TWrite>(new UnboundedChannelOptions { SingleReader = true });
    private readonly int _maxWritesPerCommit;
    private readonly SemaphoreSlim _commitSlots;
    private long _commits;

    protected GroupCommitQueue(int maxWritesPerCommit, int maxConcurrentCommits = 1)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWritesPerCommit, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxConcurrentCommits, 1);
        _maxWritesPerCommit = maxWritesPerCommit;
        _commitSlots = new SemaphoreSlim(maxConcurrentCommits, maxConcurrentCommits);
        _ = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far (each holding one or more writes).</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>Queues a write for the next commit (the queue is unbounded and never closed).</summary>
    protected void Queue(TWrite write) => _pending.Writer.TryWrite(write);

    /// <summary>
    /// Writes the batch in one transaction and answers each write: those it refused at once, the others
    /// after the commit, which it reports with <see cref="Committed"/> first.
    /// </summary>
    protected abstract Task CommitAsync(IReadOnlyList<TWrite> batch);

    /// <summary>Fails a write of a batch that was not committed (a no-op for one already answered).</summary>
    protected abstract void Fail(TWrite write, Exception exception);

    protected void Committed() => Interlocked.Increment(ref _commits);

    private async Task RunAsync()
    {
        var reader = _pending.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // A free slot first, then whatever queued up meanwhile (this loop is the only reader, so at least
            // the write it was woken for): the batch is as large as it can be.
            await _commitSlots.WaitAsync().ConfigureAwait(false);
            var batch = new List<TWrite>(_maxWritesPerCommit);
            while (batch.Count < _maxWritesPerCommit && reader.TryRead(out var write))
            {
                batch.Add(write);
            }

            _ = CommitInSlotAsync(batch);
        }
    }

    private async Task CommitInSlotAsync(List<TWrite> batch)
    {
        try
        {
            await CommitAsync(batch).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            foreach (var write in batch)
            {
                Fail(write, exception);
            }
        }
        finally
        {
            _commitSlots.Release();
        }
    }
}
