using Grains.Batching;

namespace Grains.Tests.Batching;

/// <summary>
/// A grain's write queue runs writes one at a time in queue order, and commits the batchable writes that
/// queue up behind one another together, never across a write that runs alone.
/// </summary>
public class GrainWriteQueueTests
{
    private readonly List<string> _log = [];
    private TaskCompletionSource _gate = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private GrainWriteQueue<int, int> NewQueue(Func<int, bool>? fails = null) => new(
        async batch =>
        {
            _log.Add("batch " + string.Join(",", batch.Select(write => write.Item)));
            await _gate.Task;
            foreach (var write in batch)
            {
                if (fails?.Invoke(write.Item) == true)
                {
                    write.Fail(new InvalidOperationException($"refused {write.Item}"));
                }
                else
                {
                    write.Succeed(write.Item * 10);
                }
            }
        },
        maxBatch: 3);

    [Fact]
    public async Task WritesThatQueueUpBehindACommitShareTheNextInOrderUpToTheLimit()
    {
        var queue = NewQueue();
        var first = queue.EnqueueAsync(1);
        var queued = Enumerable.Range(2, 5).Select(queue.EnqueueAsync).ToList();
        Assert.Equal(6, queue.Count);

        _gate.SetResult();
        var results = await Task.WhenAll(queued.Prepend(first));

        Assert.Equal([10, 20, 30, 40, 50, 60], results);
        Assert.Equal(["batch 1", "batch 2,3,4", "batch 5,6"], _log);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AWriteThatRunsAloneWaitsForTheBatchBeforeItAndSplitsTheOnesAfter()
    {
        var queue = NewQueue();
        var writes = new List<Task> { queue.EnqueueAsync(1), queue.EnqueueAsync(2) };
        writes.Add(queue.RunAsync(() =>
        {
            _log.Add("alone");
            return Task.CompletedTask;
        }));
        writes.Add(queue.EnqueueAsync(3));
        writes.Add(queue.EnqueueAsync(4));

        _gate.SetResult();
        await Task.WhenAll(writes);

        Assert.Equal(["batch 1", "batch 2", "alone", "batch 3,4"], _log);
    }

    [Fact]
    public async Task AFailureReachesOnlyTheWritesItConcerns()
    {
        var queue = NewQueue(fails: item => item == 2);
        var one = queue.EnqueueAsync(1);
        var two = queue.EnqueueAsync(2);
        var three = queue.EnqueueAsync(3);
        var alone = queue.RunAsync<int>(() => throw new TimeoutException("alone"));
        var four = queue.EnqueueAsync(4);

        _gate.SetResult();

        Assert.Equal(10, await one);
        Assert.Equal("refused 2", (await Assert.ThrowsAsync<InvalidOperationException>(() => two)).Message);
        Assert.Equal(30, await three);
        await Assert.ThrowsAsync<TimeoutException>(() => alone);
        Assert.Equal(40, await four);
    }

    [Fact]
    public async Task ACommitThatThrowsFailsEveryWriteItDidNotAnswerAndTheQueueGoesOn()
    {
        var calls = 0;
        var queue = new GrainWriteQueue<int, int>(
            async batch =>
            {
                await _gate.Task;
                if (++calls == 2)
                {
                    batch[0].Succeed(batch[0].Item);
                    throw new IOException("disk");
                }

                foreach (var write in batch)
                {
                    write.Succeed(write.Item);
                }
            },
            maxBatch: 10);
        var first = queue.EnqueueAsync(1);
        var answered = queue.EnqueueAsync(2);
        var failed = queue.EnqueueAsync(3);
        var alsoFailed = queue.EnqueueAsync(4);

        _gate.SetResult();

        Assert.Equal(1, await first);
        Assert.Equal(2, await answered);
        await Assert.ThrowsAsync<IOException>(() => failed);
        await Assert.ThrowsAsync<IOException>(() => alsoFailed);
        Assert.Equal(5, await queue.EnqueueAsync(5));
    }

    [Fact]
    public async Task AStoppedQueueRefusesEveryWriteNotStartedAndEveryLaterOne()
    {
        var queue = NewQueue();
        var running = queue.EnqueueAsync(1);
        var waiting = queue.EnqueueAsync(2);
        var alone = queue.RunAsync(() => Task.FromResult(0));

        queue.Stop(() => new TimeoutException("stopped"));
        _gate.SetResult();

        Assert.Equal(10, await running);
        await Assert.ThrowsAsync<TimeoutException>(() => waiting);
        await Assert.ThrowsAsync<TimeoutException>(() => alone);
        await Assert.ThrowsAsync<TimeoutException>(() => queue.EnqueueAsync(3));
        Assert.True(queue.IsStopped);
        Assert.Equal(["batch 1"], _log);
    }

    [Fact]
    public async Task ACommitThatForgetsAWriteFailsItInsteadOfLeavingItWaiting()
    {
        var queue = new GrainWriteQueue<int, int>(_ => Task.CompletedTask, maxBatch: 10);

        await Assert.ThrowsAsync<InvalidOperationException>(() => queue.EnqueueAsync(1));
    }
}
