using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>Grain state in the <c>grain_state</c> table, with the row version as ETag.</summary>
internal sealed class PostgresGrainStateStore(NpgsqlDataSource dataSource, TimeProvider timeProvider) : IGrainStateStore
{
    private const string ReadSql = "SELECT version, payload FROM grain_state WHERE grain_type = $1 AND grain_key = $2";

    private const string InsertSql =
        "INSERT INTO grain_state (grain_type, grain_key, version, payload, updated_at) VALUES ($1, $2, 1, $3, $4)";

    private const string UpdateSql =
        "UPDATE grain_state SET version = version + 1, payload = $3, updated_at = $4 "
        + "WHERE grain_type = $1 AND grain_key = $2 AND version = $5";

    public async Task<GrainStateRecord?> ReadAsync(string grainType, string key, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
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

    private async Task<string> StoreAsync(string grainType, string key, byte[]? payload, string? expectedETag, CancellationToken cancellationToken)
    {
        var expected = StateVersion.ParseExpected(grainType, key, expectedETag);
        await using var command = dataSource.CreateCommand(expected is null ? InsertSql : UpdateSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = grainType });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = key });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)payload ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bytea });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(timeProvider.GetUtcNow()) });
        if (expected is { } version)
        {
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = version });
            var updated = await command.ExecuteNonQueryAsync(cancellationToken);
            return updated == 1 ? StateVersion.ToETag(version + 1) : throw StateVersion.Conflict(grainType, key, expectedETag);
        }

        try
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
            return StateVersion.ToETag(1);
        }
        catch (PostgresException exception) when (PostgresErrors.IsUniqueViolation(exception))
        {
            throw StateVersion.Conflict(grainType, key, expectedETag, exception);
        }
    }
}
