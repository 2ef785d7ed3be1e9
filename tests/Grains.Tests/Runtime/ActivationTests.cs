using Actors;
using Actors.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Runtime;

[Collection(ProbeClusterCollection.Name)]
public sealed class ActivationTests(ProbeClusterFixture fixture)
{
    [Fact]
    public async Task GrainCalledFromEverySiloHasOneActivationAndRunsOneCallAtATime()
    {
        var key = Guid.NewGuid();
        var entries = fixture.Cluster.Silos.Select(s => s.GrainFactory).Append(fixture.Cluster.Client).ToList();
        const int callsPerEntry = 15;

        var results = await Task.WhenAll(entries.SelectMany(factory =>
            Enumerable.Range(0, callsPerEntry).Select(_ => factory.GetGrain<IProbeGrain>(key).AddAsync(1, 2))));

        Assert.Single(results.Select(r => r.ActivationId).Distinct());
        Assert.Single(results.Select(r => r.SiloId).Distinct());
        Assert.Equal(1, results.Max(r => r.Overlapping));
        Assert.Equal(Enumerable.Range(1, entries.Count * callsPerEntry), results.Select(r => r.Value).Order());
        Assert.Equal(["activated"], fixture.Events.For(key));
    }

    [Fact]
    public async Task ReadOnlyCallsInterleaveWithEachOtherButNeverWithWrites()
    {
        var grain = fixture.Cluster.Client.GetGrain<IProbeGrain>(Guid.NewGuid());
        await grain.AddAsync(1, 0);

        var reads = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => grain.ReadAsync(100)));
        Assert.True(reads.Max(r => r.Overlapping) > 1, "concurrent read-only calls should overlap");

        var mixed = Enumerable.Range(0, 12)
            .Select(i => i % 3 == 0 ? grain.AddAsync(1, 30) : grain.ReadAsync(30))
            .ToList();
        var results = await Task.WhenAll(mixed);
        for (var i = 0; i < results.Length; i += 3)
        {
            Assert.Equal(1, results[i].Overlapping);
        }

        Assert.Equal(5, (await grain.ReadAsync(0)).Value);
    }

    [Theory]
    [InlineData(GrainErrorKind.NotAllowed, typeof(NotAllowedException))]
    [InlineData(GrainErrorKind.NotFound, typeof(NotFoundException))]
    [InlineData(GrainErrorKind.Invalid, typeof(InvalidRequestException))]
    [InlineData(GrainErrorKind.Conflict, typeof(ConflictException))]
    public async Task DomainErrorsKeepTheirTypeMessageAndFieldsFromEverySilo(GrainErrorKind kind, Type expected)
    {
        var key = Guid.NewGuid();
        foreach (var factory in fixture.Cluster.Silos.Select(s => s.GrainFactory).Append(fixture.Cluster.Client))
        {
            var error = await Assert.ThrowsAnyAsync<GrainException>(() => factory.GetGrain<IProbeGrain>(key).FailAsync(kind, "refused on purpose"));
            Assert.IsType(expected, error);
            Assert.Equal("refused on purpose", error.Message);
            Assert.Equal(kind, error.Kind);
            if (kind == GrainErrorKind.Invalid)
            {
                Assert.Equal(["refused on purpose"], error.Errors!["field"]);
            }
        }
    }

    [Fact]
    public async Task StaleWriteIsRefusedAndNeverOverwritesStorage()
    {
        var key = Guid.NewGuid();
        var grain = fixture.Cluster.Client.GetGrain<IProbeGrain>(key);
        var first = await grain.AddAsync(1, 0);

        // Another writer (as a second activation would) changes the stored state behind this activation's back.
        var store = fixture.Cluster.Silos[0].Services.GetRequiredService<IGrainStateStore>();
        var stored = await store.ReadAsync("probe.probe", key.ToString("D"), CancellationToken.None);
        await store.WriteAsync("probe.probe", key.ToString("D"), """{"value":100}"""u8.ToArray(), stored!.ETag, CancellationToken.None);

        // The activation's write carries the old ETag: refused, the activation is dropped, and the call
        // runs again on a fresh activation that reads 100 first.
        var second = await grain.AddAsync(1, 0);

        Assert.Equal(101, second.Value);
        Assert.NotEqual(first.ActivationId, second.ActivationId);
        Assert.Contains("deactivated:InconsistentState", fixture.Events.For(key));
        var after = await store.ReadAsync("probe.probe", key.ToString("D"), CancellationToken.None);
        Assert.Equal("""{"value":101}""", System.Text.Encoding.UTF8.GetString(after!.Payload!));
    }

    [Fact]
    public async Task DeactivateOnIdleEndsTheActivationAndStateSurvivesIt()
    {
        var key = Guid.NewGuid();
        var grain = fixture.Cluster.Client.GetGrain<IProbeGrain>(key);
        var before = await grain.AddAsync(7, 0);

        await grain.DeactivateAsync();
        var after = await grain.ReadAsync(0);

        Assert.NotEqual(before.ActivationId, after.ActivationId);
        Assert.Equal(7, after.Value);
        Assert.Equal(["activated", "deactivated:Requested", "activated"], fixture.Events.For(key));
    }

    [Fact]
    public async Task GrainsCallOtherGrainsAcrossSilos()
    {
        var targets = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
        var caller = fixture.Cluster.Client.GetGrain<IProbeGrain>(Guid.NewGuid());

        var results = new List<ProbeResult>();
        foreach (var target in targets)
        {
            results.Add(await caller.AddViaAsync(target, 3));
        }

        Assert.All(results, r => Assert.Equal(3, r.Value));
        Assert.True(results.Select(r => r.SiloId).Distinct().Count() > 1, "twelve grains should spread over more than one silo");
    }
}
