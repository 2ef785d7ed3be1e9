using Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Grains.Admin;

/// <summary>Writes and reads the audit trail through <see cref="IAuditStore"/>; any silo runs one, as many as the load needs.</summary>
[StatelessWorker]
[GrainType("audit")]
public sealed partial class AuditGrain(IAuditStore store, ILogger<AuditGrain> logger) : Grain, IAuditGrain
{
    public async Task RecordAsync(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        try
        {
            await store.AppendAsync(auditEvent, CancellationToken.None);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // One-way: nobody waits for the answer, so the log is where a lost event shows.
            LogRecordFailed(logger, exception, auditEvent.Event, auditEvent.EventId);
        }
    }

    public Task<AuditPage> QueryAsync(AuditQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.QueryAsync(query, CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {Event} ({EventId}) could not be stored")]
    private static partial void LogRecordFailed(ILogger logger, Exception exception, string @event, Guid eventId);
}
