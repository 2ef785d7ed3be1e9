using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Postgres;

[Collection(PostgresClusterCollection.Name)]
public sealed class AdministrationOnPostgres(PostgresClusterFixture cluster) : AdministrationTests(cluster);
