using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Sqlite;

[Collection(SqliteClusterCollection.Name)]
public sealed class ThrottleOnSqlite(SqliteClusterFixture cluster) : ThrottleTests(cluster);
