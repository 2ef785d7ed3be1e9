namespace Grains.Tests.Storage;

public sealed class SqliteAuditStoreTests(SqliteTestProvider provider) : AuditStoreContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}
