using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Postgres;

[Collection(PostgresClusterCollection.Name)]
public sealed class LiveEventsOnPostgres(PostgresClusterFixture cluster) : LiveEventTests(cluster);
