using System.Diagnostics;
using Grains.Interfaces;
using Orleans.Runtime;

namespace Grains.Tests.Conversations;

/// <summary>A grain's calls to other grains that may run twice are made again across a runtime failure, for a while.</summary>
public sealed class NestedCallRetryTests
{
    private static readonly TimeSpan ShortBudget = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ADeliveryTheRuntimeFailedIsMadeAgainToThatUserOnly()
    {
        var calls = new List<int>();
        var failures = 0;

        await NestedCallRetry.ToEachAsync([1, 2, 3], target =>
        {
            calls.Add(target);
            return target == 2 && failures++ == 0 ? Task.FromException(StoppingSilo()) : Task.CompletedTask;
        }, TimeProvider.System, NestedCallRetry.Budget);

        Assert.Equal([1, 2, 3, 2], calls);
    }

    [Fact]
    public async Task AnErrorAUserGrainThrowsOnPurposeIsNotRepeated()
    {
        var calls = 0;

        await Assert.ThrowsAsync<NotFoundException>(() => NestedCallRetry.ToEachAsync([1], _ =>
        {
            calls++;
            return Task.FromException(new NotFoundException("No such user."));
        }, TimeProvider.System, NestedCallRetry.Budget));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AFailureThatOutlastsTheBudgetFailsTheDelivery()
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<NestedCallFailedException>(() => NestedCallRetry.ToEachAsync([1, 2], target =>
        {
            calls++;
            return target == 1 ? Task.FromException(StoppingSilo()) : Task.CompletedTask;
        }, new JumpingTimeProvider(), ShortBudget));

        Assert.IsType<SiloUnavailableException>(failure.InnerException);
        Assert.InRange(calls, 3, 8);
        Assert.True(clock.Elapsed < ShortBudget * 3, $"gave up after {clock.Elapsed}, for a budget of {ShortBudget}");
    }

    [Fact]
    public async Task AReadTheRuntimeFailedIsMadeAgain()
    {
        var calls = 0;

        var value = await NestedCallRetry.ReadAsync(
            () => ++calls < 3 ? Task.FromException<int>(StoppingSilo()) : Task.FromResult(42), TimeProvider.System, NestedCallRetry.Budget);

        Assert.Equal((42, 3), (value, calls));
    }

    [Fact]
    public async Task AReadRefusedOnPurposeIsNotRepeated()
    {
        var calls = 0;

        await Assert.ThrowsAsync<NotFoundException>(() => NestedCallRetry.ReadAsync(
            () => ++calls > 0 ? Task.FromException<int>(new NotFoundException("No such user.")) : Task.FromResult(0),
            TimeProvider.System,
            NestedCallRetry.Budget));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AReadThatFailsPastTheBudgetFails()
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();

        await Assert.ThrowsAsync<NestedCallFailedException>(() => NestedCallRetry.ReadAsync(
            () => ++calls > 0 ? Task.FromException<int>(StoppingSilo()) : Task.FromResult(0), new JumpingTimeProvider(), ShortBudget));

        Assert.InRange(calls, 2, 8);
        Assert.True(clock.Elapsed < ShortBudget * 3, $"gave up after {clock.Elapsed}, for a budget of {ShortBudget}");
    }

    private static NestedCallFailedException StoppingSilo() =>
        new("user/1 could not be called", new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down."));
}
