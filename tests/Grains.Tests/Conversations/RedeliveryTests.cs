using System.Diagnostics;
using Grains.Interfaces;
using Orleans.Runtime;

namespace Grains.Tests.Conversations;

/// <summary>A conversation's change reaches every participant's user grain, across a runtime failure of one delivery.</summary>
public sealed class RedeliveryTests
{
    private static readonly TimeSpan ShortBudget = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task ADeliveryTheRuntimeFailedIsMadeAgainToThatUserOnly()
    {
        var calls = new List<int>();
        var failures = 0;

        await Redelivery.ToEachAsync([1, 2, 3], target =>
        {
            calls.Add(target);
            return target == 2 && failures++ == 0 ? Task.FromException(StoppingSilo()) : Task.CompletedTask;
        }, TimeProvider.System, Redelivery.Budget);

        Assert.Equal([1, 2, 3, 2], calls);
    }

    [Fact]
    public async Task AnErrorAUserGrainThrowsOnPurposeIsNotRepeated()
    {
        var calls = 0;

        await Assert.ThrowsAsync<NotFoundException>(() => Redelivery.ToEachAsync([1], _ =>
        {
            calls++;
            return Task.FromException(new NotFoundException("No such user."));
        }, TimeProvider.System, Redelivery.Budget));

        Assert.Equal(1, calls);
    }

    [Fact]
    public async Task AFailureThatOutlastsTheBudgetFailsTheDelivery()
    {
        var calls = 0;
        var clock = Stopwatch.StartNew();

        var failure = await Assert.ThrowsAsync<NestedCallFailedException>(() => Redelivery.ToEachAsync([1, 2], target =>
        {
            calls++;
            return target == 1 ? Task.FromException(StoppingSilo()) : Task.CompletedTask;
        }, TimeProvider.System, ShortBudget));

        Assert.IsType<SiloUnavailableException>(failure.InnerException);
        Assert.InRange(calls, 3, 8);
        Assert.True(clock.Elapsed < ShortBudget * 3, $"gave up after {clock.Elapsed}, for a budget of {ShortBudget}");
    }

    private static NestedCallFailedException StoppingSilo() =>
        new("user/1 could not be called", new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down."));
}
