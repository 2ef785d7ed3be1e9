using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Postgres;

[Collection(PostgresClusterCollection.Name)]
public sealed class RefreshTokenOnPostgres(PostgresClusterFixture cluster) : RefreshTokenTests(cluster);
