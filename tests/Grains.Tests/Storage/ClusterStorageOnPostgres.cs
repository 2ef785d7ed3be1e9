using Grains.Tests.Clusters;

namespace Grains.Tests.Storage;

[Collection(PostgresClusterCollection.Name)]
public sealed class ClusterStorageOnPostgres(PostgresClusterFixture cluster) : ClusterStorageTests(cluster);
