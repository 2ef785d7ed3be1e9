using System.Diagnostics;
using Actors;
using Actors.Hosting;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Runtime;

/// <summary>Silos leave, die and join; each test has its own cluster because it changes the topology.</summary>
public sealed class TopologyTests
{
    private readonly ProbeEvents _events = new();

    [Fact]
    public async Task GracefulStopMovesGrainsToOtherSilosWithTheirState()
    {
        await using var cluster = await StartClusterAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var before = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(5, 0)));
        var leaving = cluster.Silos.First(s => before.Any(r => r.SiloId == s.SiloId));

        await cluster.StopSiloAsync(leaving);

        var after = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(1, 0)));
        Assert.All(after, r => Assert.Equal(6, r.Value));
        Assert.DoesNotContain(after, r => r.SiloId == leaving.SiloId);
        var moved = keys.Where((_, i) => before[i].SiloId == leaving.SiloId).ToList();
        Assert.NotEmpty(moved);
        Assert.All(moved, k => Assert.Contains("deactivated:ShuttingDown", _events.For(k)));
    }

    [Fact]
    public async Task KilledSiloGrainsComeBackElsewhereWithEveryAcknowledgedWrite()
    {
        await using var cluster = await StartClusterAsync();
        var keys = Enumerable.Range(0, 20).Select(_ => Guid.NewGuid()).ToList();
        var before = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(5, 0)));
        var victim = cluster.Silos.First(s => before.Any(r => r.SiloId == s.SiloId));

        await cluster.KillSiloAsync(victim);

        // A call sent before the caller noticed the death has an unknown outcome, as with any crash:
        // reads are safe to repeat. Calls that the runtime knows did not run are retried by it until
        // the survivors declare the dead silo dead.
        var read = await Task.WhenAll(keys.Select(k => ReadRetryingUnknownOutcomesAsync(cluster.Client.GetGrain<IProbeGrain>(k))));
        Assert.All(read, r => Assert.Equal(5, r.Value));
        Assert.DoesNotContain(read, r => r.SiloId == victim.SiloId);

        var after = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(1, 0)));
        Assert.All(after, r => Assert.Equal(6, r.Value));
        await cluster.WaitForConvergenceAsync();
    }

    [Fact]
    public async Task JoiningSiloTakesOverItsShareOfGrains()
    {
        await using var cluster = await StartClusterAsync(silos: 2);
        var keys = Enumerable.Range(0, 40).Select(_ => Guid.NewGuid()).ToList();
        await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(2, 0)));

        var joined = await cluster.StartSiloAsync();

        var after = await Task.WhenAll(keys.Select(k => cluster.Client.GetGrain<IProbeGrain>(k).AddAsync(1, 0)));
        Assert.All(after, r => Assert.Equal(3, r.Value));
        Assert.Contains(after, r => r.SiloId == joined.SiloId);
        Assert.Equal(1, after.GroupBy(r => r.ActivationId).Max(g => g.Count()));
    }

    [Fact]
    public async Task PendingCallsFailAtOnceWhenTheirSiloDies()
    {
        await using var cluster = await StartClusterAsync();
        var key = Guid.NewGuid();
        var owner = (await cluster.Client.GetGrain<IProbeGrain>(key).ReadAsync(0)).SiloId;
        var entry = cluster.Silos.First(s => s.SiloId != owner);
        var pending = entry.GrainFactory.GetGrain<IProbeGrain>(key).AddAsync(1, 10_000);
        await Task.Delay(200);

        var clock = Stopwatch.StartNew();
        await cluster.KillSiloAsync(cluster.Silos.Single(s => s.SiloId == owner));

        await Assert.ThrowsAsync<GrainCallException>(() => pending);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"the pending call took {clock.Elapsed} to fail");
    }

    [Fact]
    public async Task CallsThatTakeLongerThanTheTimeoutFail()
    {
        await using var cluster = await StartClusterAsync(silos: 1, callTimeout: TimeSpan.FromMilliseconds(300));

        var error = await Assert.ThrowsAsync<GrainCallException>(() => cluster.Client.GetGrain<IProbeGrain>(Guid.NewGuid()).AddAsync(1, 3_000));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdleActivationsAreCollected()
    {
        await using var cluster = await StartClusterAsync(silos: 1, configureSilo: o =>
        {
            o.IdleCollectionAge = TimeSpan.FromMilliseconds(300);
            o.IdleCollectionPeriod = TimeSpan.FromMilliseconds(100);
        });
        var key = Guid.NewGuid();
        await cluster.Client.GetGrain<IProbeGrain>(key).AddAsync(4, 0);

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!_events.For(key).Contains("deactivated:Idle") && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(["activated", "deactivated:Idle"], _events.For(key));
        Assert.Equal(0, cluster.Silos[0].Status.ActivationCount);
        Assert.Equal(4, (await cluster.Client.GetGrain<IProbeGrain>(key).ReadAsync(0)).Value);
    }

    private static async Task<ProbeResult> ReadRetryingUnknownOutcomesAsync(IProbeGrain grain)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await grain.ReadAsync(0);
            }
            catch (GrainCallException) when (attempt < 3)
            {
                // The connection to the dead silo was lost under this read; ask again.
            }
        }
    }

    private Task<TestCluster> StartClusterAsync(int silos = 3, TimeSpan? callTimeout = null, Action<SiloOptions>? configureSilo = null) =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = silos,
            ConfigureServices = services => services
                .AddSingleton(_events)
                .AddGrain<IProbeGrain, ProbeGrain>()
                .AddGrainSerializer(ProbeJsonContext.Default),
            ConfigureGrainCalls = o => o.CallTimeout = callTimeout ?? TimeSpan.FromSeconds(30),
            ConfigureSilo = configureSilo ?? (_ => { }),
        });
}
