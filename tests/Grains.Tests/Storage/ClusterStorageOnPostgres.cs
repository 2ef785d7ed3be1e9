using Grains.Interfaces;
using Grains.Tests.Clusters;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Grains.Tests.Storage;

[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterStorageOnPostgres(PostgresClusterFixture cluster) : ClusterStorageTests(cluster)
{
    /// <summary>
    /// Why <see cref="NameKeys"/> prefixes every key: Orleans' ADO.NET storage stores a string key that parses
    /// as a hexadecimal number as that number, so "123" and "0123" read and write one row. Should Orleans stop
    /// doing so, this test fails and the prefix is no longer needed.
    /// </summary>
    [Fact]
    public async Task OrleansAdoNetStorageGivesUnprefixedKeysThatReadAsTheSameNumberOneRow()
    {
        var storage = cluster.Cluster.Primary!.Services().GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var holder = Guid.NewGuid();
        var unique = Random.Shared.Next(0x1000, 0xFFFFFF).ToString("x", System.Globalization.CultureInfo.InvariantCulture);

        await storage.WriteStateAsync("reservation", GrainId.Create("username", unique), new GrainState<NameReservationState>(new() { UserId = holder }));
        var padded = new GrainState<NameReservationState>();
        await storage.ReadStateAsync("reservation", GrainId.Create("username", "0" + unique), padded);

        Assert.Equal(holder, padded.State?.UserId);
    }
}
