namespace Grains.Tests.Storage;

public sealed class SqliteStorageSchemaTests(SqliteTestProvider provider) : StorageSchemaContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;

    protected override long LatestVersion => 9;

    protected override IReadOnlyList<string> Tables => ["grain_state", "journal", "audit_events", "event_log", "user_directory"];
}
