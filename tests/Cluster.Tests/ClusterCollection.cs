namespace Cluster.Tests;

/// <summary>The cluster tests share one PostgreSQL server and run one at a time: each starts several processes.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "processes";
}
