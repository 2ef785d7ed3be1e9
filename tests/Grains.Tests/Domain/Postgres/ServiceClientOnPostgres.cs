using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Postgres;

[Collection(PostgresClusterCollection.Name)]
public sealed class ServiceClientOnPostgres(PostgresClusterFixture cluster) : ServiceClientTests(cluster);
