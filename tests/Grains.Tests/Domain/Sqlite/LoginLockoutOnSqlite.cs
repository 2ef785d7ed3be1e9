using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Sqlite;

[Collection(SqliteClusterCollection.Name)]
public sealed class LoginLockoutOnSqlite(SqliteClusterFixture cluster) : LoginLockoutTests(cluster);
