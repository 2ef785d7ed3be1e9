namespace Grains.Batching;

/// <summary>
/// The writes of one grain activation, run one at a time in the order they were asked for, where the
/// batchable writes that queue up behind one another are committed together: group commit within a
/// grain, as <c>GroupCommitQueue</c> does it for the storage across grains.
/// <para>
/// Orleans runs one request of a non-reentrant grain at a time and holds its turn across its awaits, so
/// requests that each wait for a durable commit cannot share one: a busy conversation or user commits
/// once per request, in sequence. A grain whose batchable requests interleave (<c>[AlwaysInterleave]</c>)
/// lets them in while another waits, and routes every write through this queue, which keeps what the
/// grain's turn order kept before: writes do not overlap, and each sees the state every earlier write
/// left. Interleaving requests may also overlap with the grain's other requests, so every one of them
/// that changes durable state goes through the queue (<see cref="RunAsync{T}"/>), and the rest only read.
/// </para>
/// <para>
/// Not thread-safe: used from the activation's own turns only, which Orleans runs one at a time; the
/// queue's loop continues on the activation's scheduler.
/// </para>
/// </summary>
/// <typeparam name="TItem">A batchable write.</typeparam>
/// <typeparam name="TResult">What a batchable write's caller is answered.</typeparam>
internal sealed class GrainWriteQueue<TItem, TResult>
{
    private readonly Func<IReadOnlyList<Batched>, Task> _commit;
    private readonly int _maxBatch;
    private readonly Queue<Work> _queue = new();
    private bool _running;
    private Func<Exception>? _refusal;

    /// <param name="commit">
    /// Commits a batch, in order, and answers each of its writes (<see cref="Batched.Succeed"/> or
    /// <see cref="Batched.Fail"/>); if it throws, every write it did not answer fails with the exception.
    /// </param>
    /// <param name="maxBatch">The most writes one batch holds.</param>
    public GrainWriteQueue(Func<IReadOnlyList<Batched>, Task> commit, int maxBatch)
    {
        ArgumentNullException.ThrowIfNull(commit);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _commit = commit;
        _maxBatch = maxBatch;
    }

    /// <summary>Writes waiting or being written.</summary>
    public int Count { get; private set; }

    /// <summary>Whether <see cref="Stop"/> was called: no write runs any more.</summary>
    public bool IsStopped => _refusal is not null;

    /// <summary>
    /// Refuses every write that has not started, and every later one, with an exception from
    /// <paramref name="refusal"/>: for a grain whose durable state became uncertain (a write whose outcome
    /// is unknown), which is given up so that its next activation reads the state again.
    /// </summary>
    public void Stop(Func<Exception> refusal)
    {
        ArgumentNullException.ThrowIfNull(refusal);
        _refusal ??= refusal;
    }

    /// <summary>Queues a batchable write; answered once the batch it joined is committed.</summary>
    public Task<TResult> EnqueueAsync(TItem item)
    {
        var batched = new Batched(item);
        Add(batched);
        return batched.Task;
    }

    /// <summary>Runs a write alone, after every write queued before it and before every one queued after.</summary>
    public Task<T> RunAsync<T>(Func<Task<T>> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var alone = new Alone<T>(write);
        Add(alone);
        return alone.Task;
    }

    /// <inheritdoc cref="RunAsync{T}"/>
    public Task RunAsync(Func<Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        return RunAsync(async () =>
        {
            await write();
            return true;
        });
    }

    private void Add(Work work)
    {
        _queue.Enqueue(work);
        Count++;
        if (!_running)
        {
            _ = RunQueueAsync();
        }
    }

    /// <summary>Never throws: every failure goes to the callers of the writes it concerns.</summary>
    private async Task RunQueueAsync()
    {
        _running = true;
        try
        {
            while (_queue.TryPeek(out var head))
            {
                if (_refusal is not null)
                {
                    _queue.Dequeue();
                    head.Fail(_refusal());
                    Count--;
                    continue;
                }

                if (head is not Batched)
                {
                    _queue.Dequeue();
                    await head.RunAloneAsync();
                    Count--;
                    continue;
                }

                // Sized to what is queued (most batches are a few writes), not to the largest batch.
                var batch = new List<Batched>(Math.Min(_maxBatch, _queue.Count));
                while (batch.Count < _maxBatch && _queue.TryPeek(out var next) && next is Batched item)
                {
                    _queue.Dequeue();
                    batch.Add(item);
                }

                try
                {
                    await _commit(batch);
                    foreach (var item in batch)
                    {
                        if (!item.IsAnswered)
                        {
                            item.Fail(new InvalidOperationException("The batch was committed without answering this write."));
                        }
                    }
                }
                catch (Exception exception)
                {
                    foreach (var item in batch)
                    {
                        item.Fail(exception);
                    }
                }

                Count -= batch.Count;
            }
        }
        finally
        {
            _running = false;
        }
    }

    /// <summary>A write in the queue.</summary>
    public abstract class Work
    {
        private protected Work()
        {
        }

        internal abstract Task RunAloneAsync();

        /// <summary>Fails the caller (a no-op once answered).</summary>
        public abstract void Fail(Exception exception);
    }

    /// <summary>A batchable write in a batch being committed: its item, and how its caller is answered.</summary>
    public sealed class Batched(TItem item) : Work
    {
        private readonly TaskCompletionSource<TResult> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TItem Item { get; } = item;

        public bool IsAnswered => _answer.Task.IsCompleted;

        internal Task<TResult> Task => _answer.Task;

        /// <summary>Answers the caller (a no-op once answered).</summary>
        public void Succeed(TResult result) => _answer.TrySetResult(result);

        /// <inheritdoc/>
        public override void Fail(Exception exception) => _answer.TrySetException(exception);

        internal override Task RunAloneAsync() => throw new InvalidOperationException("A batchable write runs in a batch.");
    }

    private sealed class Alone<T>(Func<Task<T>> write) : Work
    {
        private readonly TaskCompletionSource<T> _answer = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<T> Task => _answer.Task;

        public override void Fail(Exception exception) => _answer.TrySetException(exception);

        internal override async Task RunAloneAsync()
        {
            try
            {
                _answer.TrySetResult(await write());
            }
            catch (Exception exception)
            {
                _answer.TrySetException(exception);
            }
        }
    }
}
