using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// The audit trail's writer and reader (a stateless worker: any silo records and reads; key 0). Recording is
/// one-way, so the caller's request never waits for the write.
/// </summary>
public interface IAuditGrain : IGrainWithIntegerKey
{
    /// <summary>Stores <paramref name="auditEvent"/> (one-way: a failure is logged by the grain, not returned).</summary>
    [OneWay]
    Task RecordAsync(AuditEvent auditEvent);

    /// <summary>A page of events, newest first.</summary>
    [ReadOnly]
    Task<AuditPage> QueryAsync(AuditQuery query);
}
