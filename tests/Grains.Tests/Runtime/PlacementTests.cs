using Actors;
using Actors.Membership;
using Actors.Runtime;

namespace Grains.Tests.Runtime;

public sealed class PlacementTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void EveryCallerPicksTheSameOwnerWhateverTheOrderOfSilos()
    {
        var silos = Silos("a", "b", "c");
        var reversed = silos.AsEnumerable().Reverse().ToList();
        var grains = Grains(500);

        Assert.All(grains, g => Assert.Equal(
            RendezvousPlacement.PickOwner(g, silos)!.SiloId,
            RendezvousPlacement.PickOwner(g, reversed)!.SiloId));
    }

    [Fact]
    public void GrainsSpreadOverSilosRoughlyEvenly()
    {
        var silos = Silos("a", "b", "c");
        var counts = Grains(3000).GroupBy(g => RendezvousPlacement.PickOwner(g, silos)!.SiloId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(3, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 800, 1200));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void GrainsSpreadEvenlyOverSilosNamedAsHostsNameThem(int siloCount)
    {
        var silos = Silos([.. Enumerable.Range(0, siloCount).Select(_ => $"{Environment.MachineName}-{Guid.NewGuid():N}"[..(Environment.MachineName.Length + 13)])]);
        var grains = Enumerable.Range(0, 4000).Select(_ => new GrainId("conversation", Guid.NewGuid().ToString("D"))).ToList();

        var counts = grains.GroupBy(g => RendezvousPlacement.PickOwner(g, silos)!.SiloId).ToDictionary(g => g.Key, g => g.Count());

        Assert.Equal(siloCount, counts.Count);
        Assert.All(counts.Values, c => Assert.InRange(c, 4000 / siloCount * 0.8, 4000 / siloCount * 1.2));
    }

    [Fact]
    public void RemovingASiloMovesOnlyItsOwnGrains()
    {
        var before = Silos("a", "b", "c");
        var after = Silos("a", "c");

        foreach (var grain in Grains(1000))
        {
            var owner = RendezvousPlacement.PickOwner(grain, before)!.SiloId;
            if (owner != "b")
            {
                Assert.Equal(owner, RendezvousPlacement.PickOwner(grain, after)!.SiloId);
            }
        }
    }

    [Fact]
    public void NoActiveSiloMeansNoOwner() =>
        Assert.Null(RendezvousPlacement.PickOwner(new GrainId("user", "x"), []));

    private static List<ActiveSilo> Silos(params string[] ids) =>
        [.. ids.Select(id => new ActiveSilo(new SiloEntry(id, "127.0.0.1", 1, SiloStatus.Active, Now, Now), RendezvousPlacement.Hash(id)))];

    private static List<GrainId> Grains(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new GrainId("conversation", new Guid(i, 0, 0, new byte[8]).ToString("D")))];
}
