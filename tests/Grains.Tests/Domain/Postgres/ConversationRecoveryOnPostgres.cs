using Grains.Tests.Clusters;

namespace Grains.Tests.Domain.Postgres;

[Collection(PostgresClusterCollection.Name)]
public sealed class ConversationRecoveryOnPostgres(PostgresClusterFixture cluster) : ConversationRecoveryTests(cluster);
