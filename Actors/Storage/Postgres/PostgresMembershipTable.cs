using Actors.Membership;
using Npgsql;

namespace Actors.Storage.Postgres;

/// <summary>The <c>silos</c> membership table; a row marked dead never changes again.</summary>
internal sealed class PostgresMembershipTable(NpgsqlDataSource dataSource) : IMembershipTable
{
    private const short Dead = (short)SiloStatus.Dead;

    private const string UpsertSql =
        "INSERT INTO silos (silo_id, host, port, status, started_at, heartbeat_at) VALUES ($1, $2, $3, $4, $5, $6) "
        + "ON CONFLICT (silo_id) DO UPDATE SET host = excluded.host, port = excluded.port, status = excluded.status, "
        + "started_at = excluded.started_at, heartbeat_at = excluded.heartbeat_at";

    private const string HeartbeatSql = "UPDATE silos SET heartbeat_at = $2 WHERE silo_id = $1 AND status <> $3";

    private const string SetStatusSql = "UPDATE silos SET status = $2 WHERE silo_id = $1 AND status <> $3";

    private const string ReadAllSql = "SELECT silo_id, host, port, status, started_at, heartbeat_at FROM silos ORDER BY silo_id";

    private const string DeleteDeadSql = "DELETE FROM silos WHERE status = $1 AND heartbeat_at < $2";

    public async Task UpsertAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var command = dataSource.CreateCommand(UpsertSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.SiloId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entry.Host });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = entry.Port });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)entry.Status });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(entry.StartedAt) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(entry.HeartbeatAt) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> HeartbeatAsync(string siloId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(HeartbeatSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloId });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(now) });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = Dead });
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(SetStatusSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = siloId });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = (short)status });
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = Dead });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(ReadAllSql);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SiloEntry(
                SiloId: reader.GetString(0),
                Host: reader.GetString(1),
                Port: reader.GetInt32(2),
                Status: (SiloStatus)reader.GetInt16(3),
                StartedAt: reader.GetFieldValue<DateTimeOffset>(4),
                HeartbeatAt: reader.GetFieldValue<DateTimeOffset>(5)));
        }

        return entries;
    }

    public async Task DeleteDeadAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var command = dataSource.CreateCommand(DeleteDeadSql);
        command.Parameters.Add(new NpgsqlParameter<short> { TypedValue = Dead });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(heartbeatBefore) });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
