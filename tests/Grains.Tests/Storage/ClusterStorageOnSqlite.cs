using Grains.Tests.Clusters;

namespace Grains.Tests.Storage;

[Collection(SqliteClusterCollection.Name)]
public sealed class ClusterStorageOnSqlite(SqliteClusterFixture cluster) : ClusterStorageTests(cluster);
