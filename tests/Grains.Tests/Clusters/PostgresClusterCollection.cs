namespace Grains.Tests.Clusters;

[CollectionDefinition(Name)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>
{
    public const string Name = "messaging cluster on PostgreSQL";
}
