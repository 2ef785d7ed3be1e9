namespace Grains.Tests.Storage;

public sealed class SqliteUserDirectoryStoreTests(SqliteTestProvider provider) : UserDirectoryStoreContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}
