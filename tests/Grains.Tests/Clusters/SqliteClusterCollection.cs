namespace Grains.Tests.Clusters;

[CollectionDefinition(Name)]
public sealed class SqliteClusterCollection : ICollectionFixture<SqliteClusterFixture>
{
    public const string Name = "messaging cluster on SQLite";
}
