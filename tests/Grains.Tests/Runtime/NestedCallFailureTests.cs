using Grains.Hosting;
using Grains.Interfaces;
using Grains.Tests.Clusters;
using Orleans.Runtime;

namespace Grains.Tests.Runtime;

/// <summary>
/// A grain's caller learns that its own call never ran only from a failure of that call: a runtime failure
/// of a call the grain made while serving it (after it may have written) reaches it as "outcome unknown".
/// </summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class NestedCallFailureTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task AStoppingSilosRefusalOfTheCallersOwnCallStillSaysItNeverRan()
    {
        var probe = fixture.Client.GetGrain<IProbeGrain>(Guid.NewGuid());

        var failure = await Assert.ThrowsAsync<SiloUnavailableException>(() => probe.FailAsync("stopping-silo"));

        Assert.True(GrainCallFailures.CertainlyDidNotRun(failure));
    }

    [Fact]
    public async Task AStoppingSilosRefusalOfACallTheGrainMadeReachesItsCallerAsOutcomeUnknown()
    {
        var relay = fixture.Client.GetGrain<IProbeGrain>(Guid.NewGuid());

        var failure = await Assert.ThrowsAsync<NestedCallFailedException>(() => relay.RelayFailureAsync(Guid.NewGuid(), "stopping-silo"));

        Assert.False(GrainCallFailures.CertainlyDidNotRun(failure));
        Assert.IsType<SiloUnavailableException>(failure.InnerException);
    }

    [Fact]
    public async Task AnErrorAGrainThrowsOnPurposePassesThroughTheGrainThatCalledIt()
    {
        var relay = fixture.Client.GetGrain<IProbeGrain>(Guid.NewGuid());

        var failure = await Assert.ThrowsAsync<NotFoundException>(() => relay.RelayFailureAsync(Guid.NewGuid(), "not-found"));

        Assert.Equal("No such probe.", failure.Message);
    }
}
