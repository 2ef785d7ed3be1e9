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
        var conditions = new List<string>();
        var parameters = new List<Func<NpgsqlParameter>>();
        void Filter(string column, string comparison, Func<NpgsqlParameter> parameter)
        {
            parameters.Add(parameter);
            conditions.Add($"{column} {comparison} ${parameters.Count}");
        }

        if (query.UserId is { } userId)
        {
            Filter("user_id", "=", () => new NpgsqlParameter<Guid> { TypedValue = userId });
        }

        if (query.Event is { } name)
        {
            Filter("event", "=", () => new NpgsqlParameter<string> { TypedValue = name });
        }

        if (query.Since is { } since)
        {
            Filter("at", ">=", () => new NpgsqlParameter<DateTimeOffset> { TypedValue = since.ToUniversalTime() });
        }

        if (query.Until is { } until)
        {
            Filter("at", "<=", () => new NpgsqlParameter<DateTimeOffset> { TypedValue = until.ToUniversalTime() });
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        long total;
        await using (var count = dataSource.CreateCommand("SELECT COUNT(*) FROM audit_events" + where))
        {
            count.Parameters.AddRange(parameters.Select(parameter => parameter()).ToArray());
            total = (long)(await count.ExecuteScalarAsync(cancellationToken))!;
        }

        var limit = parameters.Count + 1;
        await using var select = dataSource.CreateCommand(
            $"SELECT {Columns} FROM audit_events{where} ORDER BY at DESC, event_id DESC LIMIT ${limit} OFFSET ${limit + 1}");
        select.Parameters.AddRange(parameters.Select(parameter => parameter()).ToArray());
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Limit });
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = query.Offset });
        var events = new List<AuditEvent>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            events.Add(new AuditEvent(
                reader.GetGuid(0),
                reader.GetString(1),
                reader.GetFieldValue<DateTimeOffset>(2),
                reader.IsDBNull(3) ? null : reader.GetGuid(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4),
                reader.IsDBNull(5) ? null : reader.GetString(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.IsDBNull(7) ? null : reader.GetGuid(7),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return new AuditPage(total, events);
    }

    private static NpgsqlParameter Nullable(Guid? value) =>
        value is { } id ? new NpgsqlParameter<Guid> { TypedValue = id } : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid };

    private static NpgsqlParameter Nullable(string? value) =>
        value is not null ? new NpgsqlParameter<string> { TypedValue = value } : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text };
}
