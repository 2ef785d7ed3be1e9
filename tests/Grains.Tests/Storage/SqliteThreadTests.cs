using Grains.Storage.Sqlite;

namespace Grains.Tests.Storage;

/// <summary>The thread that SQLite's blocking calls run on: in order, off the pool, gone when idle.</summary>
public sealed class SqliteThreadTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task WorkRunsOneItemAtATimeInTheOrderGivenOnANamedThreadOutsideThePool()
    {
        var thread = new SqliteThread("test writer");
        var order = new List<int>();
        using var first = new ManualResetEventSlim();

        var blocked = thread.RunAsync(() => first.Wait(Patience));
        var runs = Enumerable.Range(1, 20).Select(i => thread.RunAsync(() =>
        {
            order.Add(i);
            return (Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread);
        })).ToList();
        Assert.All(runs, run => Assert.False(run.IsCompleted));

        first.Set();
        await blocked.WaitAsync(Patience);
        var threads = await Task.WhenAll(runs).WaitAsync(Patience);
        Assert.Equal(Enumerable.Range(1, 20), order);
        Assert.All(threads, ran => Assert.Equal(("test writer", false), ran));
    }

    [Fact]
    public async Task AnExceptionGoesToItsTaskAndTheThreadRunsOn()
    {
        var thread = new SqliteThread("test writer");

        var failed = await Assert.ThrowsAsync<InvalidOperationException>(
            () => thread.RunAsync(() => throw new InvalidOperationException("refused")).WaitAsync(Patience));
        Assert.Equal("refused", failed.Message);
        Assert.Equal(42, await thread.RunAsync(() => 42).WaitAsync(Patience));
    }

    [Fact]
    public async Task TheThreadEndsWhenIdleAndAnotherStartsForLaterWork()
    {
        var thread = new SqliteThread("test writer", idleTimeout: TimeSpan.FromMilliseconds(50));

        var firstThread = await thread.RunAsync(() => Thread.CurrentThread).WaitAsync(Patience);
        Assert.True(firstThread.Join(Patience), "The thread did not end once idle.");

        var secondThread = await thread.RunAsync(() => Thread.CurrentThread).WaitAsync(Patience);
        Assert.NotSame(firstThread, secondThread);
        Assert.Equal("test writer", secondThread.Name);
    }
}
