namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalStoreTests(PostgresServerFixture server) : JournalStoreContract
{
    protected override IStorageTestProvider Provider => server;
}
