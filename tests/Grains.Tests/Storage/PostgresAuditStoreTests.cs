namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditStoreTests(PostgresServerFixture server) : AuditStoreContract
{
    protected override IStorageTestProvider Provider => server;
}
