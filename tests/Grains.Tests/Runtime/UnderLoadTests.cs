using Actors;
using Actors.Hosting;
using Actors.Membership;
using Actors.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Grains.Tests.Runtime;

/// <summary>Topology changes while calls are flowing: no call may fail, and no write may be lost.</summary>
public sealed class UnderLoadTests
{
    private readonly ProbeEvents _events = new();

    [Fact]
    public async Task GracefulStopUnderLoadFailsNoCallAndLosesNoWrite()
    {
        await using var cluster = await StartClusterAsync(3);
        var victim = cluster.Silos[1];

        var (calls, failures, totals) = await RunLoadAsync(cluster, during: () => cluster.StopSiloAsync(victim));

        Assert.Empty(failures);
        Assert.True(calls > 100, $"only {calls} calls ran under load");
        await AssertTotalsAsync(cluster, totals);
    }

    [Fact]
    public async Task SiloJoiningUnderLoadFailsNoCallAndTakesGrains()
    {
        await using var cluster = await StartClusterAsync(2);
        TestSilo? joined = null;

        var (calls, failures, totals) = await RunLoadAsync(cluster, during: async () => joined = await cluster.StartSiloAsync());

        Assert.Empty(failures);
        Assert.True(calls > 100, $"only {calls} calls ran under load");
        await AssertTotalsAsync(cluster, totals);
        Assert.True(joined!.Status.ActivationCount > 0, "the new silo should host some of the grains");
    }

    [Fact]
    public async Task SiloDeclaredDeadByOthersStopsServing()
    {
        await using var cluster = await StartClusterAsync(2);
        var fenced = cluster.Silos[0];
        var lifetime = fenced.Services.GetRequiredService<IHostApplicationLifetime>();
        var table = cluster.Silos[1].Services.GetRequiredService<IMembershipTable>();

        await table.SetStatusAsync(fenced.SiloId, SiloStatus.Dead, CancellationToken.None);

        var stopped = await Task.WhenAny(Task.Delay(TimeSpan.FromSeconds(10)), Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping));
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested, "a silo declared dead must stop its application");
        Assert.False(fenced.Status.IsServing);
        Assert.NotNull(stopped);
    }

    private async Task<(int Calls, List<Exception> Failures, Dictionary<Guid, int> Totals)> RunLoadAsync(TestCluster cluster, Func<Task> during)
    {
        var keys = Enumerable.Range(0, 24).Select(_ => Guid.NewGuid()).ToList();
        var totals = keys.ToDictionary(k => k, _ => 0);
        var failures = new List<Exception>();
        var calls = 0;
        using var stop = new CancellationTokenSource();
        var workers = keys.Select(async key =>
        {
            var grain = cluster.Client.GetGrain<IProbeGrain>(key);
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    await grain.AddAsync(1, 0);
                    totals[key]++;
                    Interlocked.Increment(ref calls);
                }
                catch (Exception ex)
                {
                    lock (failures)
                    {
                        failures.Add(ex);
                    }

                    return;
                }
            }
        }).ToList();

        await Task.Delay(500);
        await during();
        await Task.Delay(1500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);
        return (calls, failures, totals);
    }

    private static async Task AssertTotalsAsync(TestCluster cluster, Dictionary<Guid, int> totals)
    {
        foreach (var (key, total) in totals)
        {
            Assert.Equal(total, (await cluster.Client.GetGrain<IProbeGrain>(key).ReadAsync(0)).Value);
        }
    }

    private Task<TestCluster> StartClusterAsync(int silos) =>
        TestCluster.StartAsync(new TestClusterOptions
        {
            InitialSilos = silos,
            ConfigureServices = services => services
                .AddSingleton(_events)
                .AddGrain<IProbeGrain, ProbeGrain>()
                .AddGrainSerializer(ProbeJsonContext.Default),
        });
}
