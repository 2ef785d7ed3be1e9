namespace Grains.Tests.Storage;

public sealed class SqliteGrainStateStoreTests(SqliteTestProvider provider) : GrainStateStoreContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}
