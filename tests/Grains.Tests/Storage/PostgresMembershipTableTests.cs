namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresServerFixture server) : MembershipTableContract
{
    protected override IStorageTestProvider Provider => server;
}
