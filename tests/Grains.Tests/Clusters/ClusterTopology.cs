using Orleans.TestingHost;

namespace Grains.Tests.Clusters;

/// <summary>Where grains live in a test cluster, and moving them where a test needs them.</summary>
public static class ClusterTopology
{
    /// <summary>The silo that holds the grain's activation now, or null when it has none.</summary>
    public static SiloHandle? HostOf(this TestCluster cluster, IAddressable grain) =>
        cluster.TryGetGrainContext(grain.GetGrainId(), out var context) && context.Address.SiloAddress is { } silo
            ? cluster.GetSiloForAddress(silo)
            : null;

    /// <summary>
    /// Moves the grain's activation to <paramref name="target"/> (Orleans' migration with a placement hint),
    /// unless it is there already; the grain must be active.
    /// </summary>
    public static async Task MoveToAsync(this TestCluster cluster, IAddressable grain, SiloHandle target)
    {
        if (cluster.HostOf(grain) is { } host && host.SiloAddress.Equals(target.SiloAddress))
        {
            return;
        }

        await cluster.MigrateAsync(grain, target.SiloAddress);
    }
}
