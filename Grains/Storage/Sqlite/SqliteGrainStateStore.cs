using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>Grain state in the <c>grain_state</c> table, with the row version as ETag.</summary>
internal sealed class SqliteGrainStateStore(SqliteConnectionFactory connections, TimeProvider timeProvider) : IGrainStateStore
{
    private const string ReadSql =
        "SELECT version, payload FROM grain_state WHERE grain_type = $type AND grain_key = $key";

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, version, payload, updated_at_ms) VALUES ($type, $key, 1, $payload, $now)";

    private const string UpdateSql =
        "UPDATE grain_state SET version = version + 1, payload = $payload, updated_at_ms = $now "
        + "WHERE grain_type = $type AND grain_key = $key AND version = $expected";

    public async Task<GrainStateRecord?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadSql;
        command.Parameters.AddWithValue("$type", grainType);
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var payload = reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1);
        return new GrainStateRecord(StateVersion.ToETag(reader.GetInt64(0)), payload);
    }

    public Task<string> WriteAsync(string grainType, string key, byte[] payload, string? expectedETag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return StoreAsync(grainType, key, payload, expectedETag, cancellationToken);
    }

    public Task<string> ClearAsync(string grainType, string key, string? expectedETag, CancellationToken cancellationToken) =>
        StoreAsync(grainType, key, null, expectedETag, cancellationToken);

    private Task<string> StoreAsync(string grainType, string key, byte[]? payload, string? expectedETag, CancellationToken cancellationToken)
    {
        var expected = StateVersion.ParseExpected(grainType, key, expectedETag);
        var now = StorageTime.ToUnixMilliseconds(timeProvider.GetUtcNow());
        return connections.WriteAsync(
            connection =>
            {
                var command = WriterCommands.For(connection, expected is null ? InsertSql : UpdateSql);
                command.Parameters.AddWithValue("$type", grainType);
                command.Parameters.AddWithValue("$key", key);
                command.Parameters.Add("$payload", SqliteType.Blob).Value = (object?)payload ?? DBNull.Value;
                command.Parameters.AddWithValue("$now", now);
                if (expected is { } version)
                {
                    command.Parameters.AddWithValue("$expected", version);
                    return command.ExecuteNonQuery() == 1 ? StateVersion.ToETag(version + 1) : throw StateVersion.Conflict(grainType, key, expectedETag);
                }

                try
                {
                    command.ExecuteNonQuery();
                    return StateVersion.ToETag(1);
                }
                catch (SqliteException exception) when (SqliteErrors.IsUniqueViolation(exception))
                {
                    throw StateVersion.Conflict(grainType, key, expectedETag, exception);
                }
            },
            cancellationToken);
    }
}
