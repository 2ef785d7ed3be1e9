namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresUserDirectoryStoreTests(PostgresServerFixture server) : UserDirectoryStoreContract
{
    protected override IStorageTestProvider Provider => server;
}
