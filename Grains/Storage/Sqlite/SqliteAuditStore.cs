using Grains.Admin;
using Grains.Interfaces;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// The audit trail in the <c>audit_events</c> table. Appends go through the file's group commit
/// (<see cref="SqliteGroupCommit"/>), so events that arrive together share one transaction and one fsync.
/// </summary>
internal sealed class SqliteAuditStore(SqliteConnectionFactory connections) : IAuditStore
{
    private const string Columns = "event_id, event, at_ms, user_id, actor_id, ip, user_agent, conversation_id, detail";

    private const string AppendSql =
        $"INSERT OR IGNORE INTO audit_events ({Columns}) VALUES ($id, $event, $at, $user, $actor, $ip, $agent, $conversation, $detail)";

    public Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        return connections.WriteAsync(
            connection =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = AppendSql;
                command.Parameters.AddWithValue("$id", Id(auditEvent.EventId));
                command.Parameters.AddWithValue("$event", auditEvent.Event);
                command.Parameters.AddWithValue("$at", StorageTime.ToUnixMilliseconds(auditEvent.At));
                command.Parameters.AddWithValue("$user", OrNull(auditEvent.UserId));
                command.Parameters.AddWithValue("$actor", OrNull(auditEvent.ActorId));
                command.Parameters.AddWithValue("$ip", (object?)auditEvent.Ip ?? DBNull.Value);
                command.Parameters.AddWithValue("$agent", (object?)auditEvent.UserAgent ?? DBNull.Value);
                command.Parameters.AddWithValue("$conversation", OrNull(auditEvent.ConversationId));
                command.Parameters.AddWithValue("$detail", (object?)auditEvent.Detail ?? DBNull.Value);
                return command.ExecuteNonQuery();
            },
            cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var page = new SqliteFilteredPage(connection);
        if (query.UserId is { } userId)
        {
            page.Where("user_id = $user", "$user", Id(userId));
        }

        if (query.Event is { } name)
        {
            page.Where("event = $event", "$event", name);
        }

        if (query.Since is { } since)
        {
            page.Where("at_ms >= $since", "$since", StorageTime.ToUnixMilliseconds(since));
        }

        if (query.Until is { } until)
        {
            page.Where("at_ms <= $until", "$until", StorageTime.ToUnixMilliseconds(until));
        }

        var (total, events) = await page.ReadAsync(
            "audit_events", Columns, "at_ms DESC, event_id DESC", query.Limit, query.Offset, ReadEvent, cancellationToken);
        return new AuditPage(total, events);
    }

    private static AuditEvent ReadEvent(SqliteDataReader reader) =>
        new(
            Guid.Parse(reader.GetString(0)),
            reader.GetString(1),
            StorageTime.FromUnixMilliseconds(reader.GetInt64(2)),
            GuidOrNull(reader, 3),
            GuidOrNull(reader, 4),
            StringOrNull(reader, 5),
            StringOrNull(reader, 6),
            GuidOrNull(reader, 7),
            StringOrNull(reader, 8));

    private static string Id(Guid id) => id.ToString("D");

    private static object OrNull(Guid? id) => id is { } value ? Id(value) : DBNull.Value;

    private static Guid? GuidOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Guid.Parse(reader.GetString(ordinal));

    private static string? StringOrNull(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
