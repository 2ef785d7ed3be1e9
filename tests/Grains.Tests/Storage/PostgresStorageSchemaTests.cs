namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageSchemaTests(PostgresServerFixture server) : StorageSchemaContract
{
    protected override IStorageTestProvider Provider => server;

    protected override long LatestVersion => 1;

    protected override IReadOnlyList<string> Tables => ["grain_state", "journal", "silos"];
}
