namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresGrainStateStoreTests(PostgresServerFixture server) : GrainStateStoreContract
{
    protected override IStorageTestProvider Provider => server;
}
