using Grains.Tests.Clusters;
using Orleans.TestingHost;

namespace Grains.Tests.Runtime;

/// <summary>
/// Silos join, leave and die while calls go on, and Orleans keeps what it promises: a new silo takes new
/// activations (existing ones stay where they are); the grains of a stopped or killed silo come back on the
/// others with their stored state. Each test starts a cluster of its own. Only secondary silos are stopped
/// or killed: the TestCluster's primary silo holds its membership table.
/// </summary>
public abstract class TopologyTests(MessagingClusterFixture fixture) : IAsyncLifetime
{
    private TestCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await fixture.StartClusterAsync(MessagingClusterFixture.SiloCount);

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task ANewSiloTakesNewActivationsWhileExistingOnesStayWhereTheyAre()
    {
        var existing = Probes(30);
        var before = await Task.WhenAll(existing.Select(grain => grain.AddAsync(1, 0)));

        var joined = await _cluster.StartAdditionalSiloAsync();
        await _cluster.WaitForLivenessToStabilizeAsync();

        var after = await Task.WhenAll(existing.Select(grain => grain.AddAsync(1, 0)));
        Assert.Equal(before.Select(r => (r.ActivationId, r.Silo)), after.Select(r => (r.ActivationId, r.Silo)));
        Assert.All(after, r => Assert.Equal(2, r.Value));

        // Placement learns of the new silo from the cluster manifest, which follows membership by up to a
        // refresh: new grains reach it within a few rounds.
        var placedOnJoined = false;
        for (var round = 0; round < 10 && !placedOnJoined; round++)
        {
            var placed = await Task.WhenAll(Probes(60).Select(grain => grain.AddAsync(1, 0)));
            placedOnJoined = placed.Any(r => r.Silo.Equals(joined.SiloAddress));
            if (!placedOnJoined)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(500));
            }
        }

        Assert.True(placedOnJoined, "no new grain was placed on the silo that joined");
    }

    [Fact]
    public async Task StoppingASiloWhileCallsFlowLosesAndDuplicatesNoWriteAndItsGrainsComeBackElsewhere()
    {
        var grains = Probes(24);
        await Task.WhenAll(grains.Select(grain => grain.AddAsync(0, 0)));
        var leaving = await SecondaryHostingSomeOfAsync(grains);
        var acknowledged = new int[grains.Count];
        var failures = new List<Exception>();
        using var stop = new CancellationTokenSource();
        var workers = grains.Select(async (grain, i) =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    // A call cut off by the stop has an unknown outcome; an operation id makes it safe to repeat.
                    var operation = Guid.NewGuid();
                    await GrainCalls.IdempotentAsync(() => grain.AddOnceAsync(operation, 1));
                    acknowledged[i]++;
                }
                catch (Exception exception)
                {
                    lock (failures)
                    {
                        failures.Add(exception);
                    }

                    return;
                }
            }
        }).ToList();

        await Task.Delay(500);
        await _cluster.StopSiloAsync(leaving);
        await Task.Delay(1_000);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        Assert.Empty(failures);
        Assert.True(acknowledged.Sum() > 100, $"only {acknowledged.Sum()} calls ran");
        var stored = await Task.WhenAll(grains.Select(grain => grain.ReadAsync(0)));
        Assert.Equal(acknowledged, stored.Select(r => r.Value));
        Assert.DoesNotContain(stored, r => r.Silo.Equals(leaving.SiloAddress));
    }

    [Fact]
    public async Task AKilledSilosGrainsComeBackElsewhereWithTheirStoredStateWhileReadsKeepSucceeding()
    {
        var grains = Probes(20);
        await Task.WhenAll(grains.Select(grain => grain.AddAsync(5, 0)));
        var victim = await SecondaryHostingSomeOfAsync(grains);
        var hosted = grains.Where(grain => _cluster.HostOf(grain)?.SiloAddress.Equals(victim.SiloAddress) == true).ToList();

        await _cluster.KillSiloAsync(victim);

        // A read may have been running on the victim (its outcome unknown): reads are safe to repeat.
        var read = await Task.WhenAll(grains.Select(grain => GrainCalls.IdempotentAsync(() => grain.ReadAsync(0))));
        Assert.All(read, r => Assert.Equal(5, r.Value));
        Assert.DoesNotContain(read, r => r.Silo.Equals(victim.SiloAddress));
        Assert.NotEmpty(hosted);
        var written = await Task.WhenAll(grains.Select(grain => GrainCalls.OnceAsync(() => grain.AddAsync(1, 0))));
        Assert.All(written, r => Assert.Equal(6, r.Value));
    }

    private List<IProbeGrain> Probes(int count) =>
        [.. Enumerable.Range(0, count).Select(_ => _cluster.Client.GetGrain<IProbeGrain>(Guid.NewGuid()))];

    /// <summary>The secondary silo that hosts the most of the grains, after moving one there if it hosted none.</summary>
    private async Task<SiloHandle> SecondaryHostingSomeOfAsync(IReadOnlyList<IProbeGrain> grains)
    {
        var secondary = _cluster.SecondarySilos
            .OrderByDescending(silo => grains.Count(grain => _cluster.HostOf(grain)?.SiloAddress.Equals(silo.SiloAddress) == true))
            .First();
        if (!grains.Any(grain => _cluster.HostOf(grain)?.SiloAddress.Equals(secondary.SiloAddress) == true))
        {
            await _cluster.MoveToAsync(grains[0], secondary);
        }

        return secondary;
    }
}
