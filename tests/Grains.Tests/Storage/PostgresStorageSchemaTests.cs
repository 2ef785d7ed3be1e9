namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageSchemaTests(PostgresServerFixture server) : StorageSchemaContract
{
    protected override IStorageTestProvider Provider => server;

    protected override long LatestVersion => 6;

    /// <summary>grain_state stays until a silo imports its rows into orleans_storage and drops it.</summary>
    protected override IReadOnlyList<string> Tables => ["grain_state", "journal", "orleans_membership", "orleans_membership_version", "orleans_storage", "audit_events", "event_log", "user_directory"];
}
