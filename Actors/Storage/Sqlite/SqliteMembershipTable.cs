using Actors.Membership;
using Microsoft.Data.Sqlite;

namespace Actors.Storage.Sqlite;

/// <summary>The <c>silos</c> membership table; a row marked dead never changes again.</summary>
internal sealed class SqliteMembershipTable(SqliteConnectionFactory connections) : IMembershipTable
{
    private const string UpsertSql =
        "INSERT INTO silos (silo_id, host, port, status, started_at_ms, heartbeat_at_ms) "
        + "VALUES ($id, $host, $port, $status, $started, $heartbeat) "
        + "ON CONFLICT (silo_id) DO UPDATE SET host = excluded.host, port = excluded.port, status = excluded.status, "
        + "started_at_ms = excluded.started_at_ms, heartbeat_at_ms = excluded.heartbeat_at_ms";

    private const string HeartbeatSql =
        "UPDATE silos SET heartbeat_at_ms = $heartbeat WHERE silo_id = $id AND status <> $dead";

    private const string SetStatusSql = "UPDATE silos SET status = $status WHERE silo_id = $id AND status <> $dead";

    private const string ReadAllSql =
        "SELECT silo_id, host, port, status, started_at_ms, heartbeat_at_ms FROM silos ORDER BY silo_id";

    private const string DeleteDeadSql = "DELETE FROM silos WHERE status = $dead AND heartbeat_at_ms < $before";

    public async Task UpsertAsync(SiloEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var write = await connections.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = UpsertSql;
        command.Parameters.AddWithValue("$id", entry.SiloId);
        command.Parameters.AddWithValue("$host", entry.Host);
        command.Parameters.AddWithValue("$port", entry.Port);
        command.Parameters.AddWithValue("$status", (int)entry.Status);
        command.Parameters.AddWithValue("$started", StorageTime.ToUnixMilliseconds(entry.StartedAt));
        command.Parameters.AddWithValue("$heartbeat", StorageTime.ToUnixMilliseconds(entry.HeartbeatAt));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<bool> HeartbeatAsync(string siloId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var write = await connections.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = HeartbeatSql;
        command.Parameters.AddWithValue("$id", siloId);
        command.Parameters.AddWithValue("$heartbeat", StorageTime.ToUnixMilliseconds(now));
        command.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken)
    {
        await using var write = await connections.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = SetStatusSql;
        command.Parameters.AddWithValue("$id", siloId);
        command.Parameters.AddWithValue("$status", (int)status);
        command.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = ReadAllSql;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var entries = new List<SiloEntry>();
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new SiloEntry(
                SiloId: reader.GetString(0),
                Host: reader.GetString(1),
                Port: reader.GetInt32(2),
                Status: (SiloStatus)reader.GetInt32(3),
                StartedAt: StorageTime.FromUnixMilliseconds(reader.GetInt64(4)),
                HeartbeatAt: StorageTime.FromUnixMilliseconds(reader.GetInt64(5))));
        }

        return entries;
    }

    public async Task DeleteDeadAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken)
    {
        await using var write = await connections.OpenForWriteAsync(cancellationToken);
        var connection = write.Connection;
        await using var command = connection.CreateCommand();
        command.CommandText = DeleteDeadSql;
        command.Parameters.AddWithValue("$dead", (int)SiloStatus.Dead);
        command.Parameters.AddWithValue("$before", StorageTime.ToUnixMilliseconds(heartbeatBefore));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
