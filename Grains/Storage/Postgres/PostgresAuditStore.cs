using Grains.Admin;
using Grains.Interfaces;
using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>The audit trail in the <c>audit_events</c> table; one insert per event (the audit grain's write is one-way).</summary>
internal sealed class PostgresAuditStore(NpgsqlDataSource dataSource) : IAuditStore
{
    private const string Columns = "event_id, event, at, user_id, actor_id, ip, user_agent, conversation_id, detail";

    private const string AppendSql =
        $"INSERT INTO audit_events ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (event_id) DO NOTHING";

    public async Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        await using var command = dataSource.CreateCommand(AppendSql);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = auditEvent.EventId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = auditEvent.Event });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(auditEvent.At) });
        command.Parameters.Add(Nullable(auditEvent.UserId));
        command.Parameters.Add(Nullable(auditEvent.ActorId));
        command.Parameters.Add(Nullable(auditEvent.Ip));
        command.Parameters.Add(Nullable(auditEvent.UserAgent));
        command.Parameters.Add(Nullable(auditEvent.ConversationId));
        command.Parameters.Add(Nullable(auditEvent.Detail));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = new PostgresFilteredPage(dataSource);
        if (query.UserId is { } userId)
        {
            page.Where("user_id = $?", () => new NpgsqlParameter<Guid> { TypedValue = userId });
        }

        if (query.Event is { } name)
        {
            page.Where("event = $?", () => new NpgsqlParameter<string> { TypedValue = name });
        }

        if (query.Since is { } since)
        {
            page.Where("at >= $?", () => new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        }

        if (query.Until is { } until)
        {
            page.Where("at <= $?", () => new NpgsqlParameter<DateTimeOffset> { TypedValue = until.ToUniversalTime() });
        }

        var (total, events) = await page.ReadAsync(
            "audit_events", Columns, "at DESC, event_id DESC", query.Limit, query.Offset, ReadEvent, cancellationToken);
        return new AuditPage(total, events);
    }

    private static AuditEvent ReadEvent(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetFieldValue<DateTimeOffset>(2),
            reader.IsDBNull(3) ? null : reader.GetGuid(3),
            reader.IsDBNull(4) ? null : reader.GetGuid(4),
            reader.IsDBNull(5) ? null : reader.GetString(5),
            reader.IsDBNull(6) ? null : reader.GetString(6),
            reader.IsDBNull(7) ? null : reader.GetGuid(7),
            reader.IsDBNull(8) ? null : reader.GetString(8));

    private static NpgsqlParameter Nullable(Guid? value) =>
        value is { } id ? new NpgsqlParameter<Guid> { TypedValue = id } : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid };

    private static NpgsqlParameter Nullable(string? value) =>
        value is not null ? new NpgsqlParameter<string> { TypedValue = value } : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
