using Grains.Tests.Clusters;

namespace Grains.Tests.Runtime;

[Collection(SqliteClusterCollection.Name)]
public sealed class TopologyOnSqlite(SqliteClusterFixture fixture) : TopologyTests(fixture);
