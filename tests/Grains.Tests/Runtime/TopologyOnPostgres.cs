using Grains.Tests.Clusters;

namespace Grains.Tests.Runtime;

[Collection(PostgresClusterCollection.Name)]
public sealed class TopologyOnPostgres(PostgresClusterFixture fixture) : TopologyTests(fixture);
