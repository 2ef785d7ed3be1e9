using Grains.Tests.Clusters;

namespace Grains.Tests.Runtime;

/// <summary>What the grains rely on from Orleans' activations: one call at a time, read-only calls together, state kept across deactivation.</summary>
[Collection(SqliteClusterCollection.Name)]
public sealed class ActivationTests(SqliteClusterFixture fixture)
{
    [Fact]
    public async Task AGrainCalledThroughEverySiloHasOneActivationThatRunsOneCallAtATime()
    {
        var key = Guid.NewGuid();
        var entries = fixture.SiloFactories.Append(fixture.Client).ToList();
        const int callsPerEntry = 15;

        var results = await Task.WhenAll(entries.SelectMany(factory =>
            Enumerable.Range(0, callsPerEntry).Select(_ => factory.GetGrain<IProbeGrain>(key).AddAsync(1, 2))));

        Assert.Single(results.Select(r => r.ActivationId).Distinct());
        Assert.Single(results.Select(r => r.Silo).Distinct());
        Assert.Equal(1, results.Max(r => r.Overlapping));
        Assert.Equal(Enumerable.Range(1, entries.Count * callsPerEntry), results.Select(r => r.Value).Order());
        Assert.Equal(["activated"], ProbeEvents.For(key));
    }

    [Fact]
    public async Task ReadOnlyCallsInterleaveWithEachOtherButNeverWithWrites()
    {
        var grain = fixture.Client.GetGrain<IProbeGrain>(Guid.NewGuid());
        await grain.AddAsync(1, 0);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.ReadAsync(100)));
        Assert.True(reads.Max(r => r.Overlapping) > 1, "concurrent read-only calls should overlap");

        var mixed = Enumerable.Range(0, 12)
            .Select(i => i % 3 == 0 ? grain.AddAsync(1, 30) : grain.ReadAsync(30))
            .ToList();
        var results = await Task.WhenAll(mixed);
        var writes = results.Where((_, i) => i % 3 == 0).ToList();

        Assert.All(writes, write => Assert.Equal(1, write.Overlapping));
        Assert.Equal([2, 3, 4, 5], writes.Select(w => w.Value).Order());
        Assert.Equal(5, (await grain.ReadAsync(0)).Value);
    }

    [Fact]
    public async Task AnIdleActivationIsCollectedAndItsStateSurvives()
    {
        var key = Guid.NewGuid();
        var grain = fixture.Client.GetGrain<IProbeGrain>(key);
        var before = await grain.AddAsync(7, 0);
        await Task.Delay(300);

        await fixture.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.FromMilliseconds(250));
        var after = await grain.ReadAsync(0);

        Assert.Equal(["activated", $"deactivated:{DeactivationReasonCode.ActivationIdle}", "activated"], ProbeEvents.For(key));
        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(7, after.Value);
    }
}
