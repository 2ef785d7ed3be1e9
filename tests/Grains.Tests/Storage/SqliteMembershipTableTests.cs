namespace Grains.Tests.Storage;

public sealed class SqliteMembershipTableTests(SqliteTestProvider provider) : MembershipTableContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;
}
