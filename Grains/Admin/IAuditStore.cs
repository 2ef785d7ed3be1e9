using Grains.Interfaces;

namespace Grains.Admin;

/// <summary>The audit trail's table (<c>audit_events</c>): appended by the audit grain, read by page, newest first.</summary>
public interface IAuditStore
{
    /// <summary>Stores the event; completes once it is durable.</summary>
    Task AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken);

    /// <summary>The events matching the query's filters, newest first (<c>at</c>, then <c>event_id</c>), and their count.</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);
}
