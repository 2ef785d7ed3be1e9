namespace Grains.Tests.Storage;

public sealed class SqliteJournalStoreTests(SqliteTestProvider provider) : JournalStoreContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}
