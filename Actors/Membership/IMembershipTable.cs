namespace Actors.Membership;

/// <summary>
/// The membership table, in the same database as grain state. Silos register and heartbeat; every
/// silo and client reads it to know the active silos.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Inserts or replaces the silo's row.</summary>
    Task UpsertAsync(SiloEntry entry, CancellationToken cancellationToken);

    /// <summary>
    /// Renews the silo's heartbeat. Returns false, changing nothing, when the row is missing or the
    /// silo was declared dead: a silo declared dead never comes back under the same id.
    /// </summary>
    Task<bool> HeartbeatAsync(string siloId, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Sets the status. Once <see cref="SiloStatus.Dead"/>, a row never changes status again.</summary>
    Task SetStatusAsync(string siloId, SiloStatus status, CancellationToken cancellationToken);

    Task<IReadOnlyList<SiloEntry>> ReadAllAsync(CancellationToken cancellationToken);

    /// <summary>Deletes rows of dead silos whose last heartbeat is older than the given time.</summary>
    Task DeleteDeadAsync(DateTimeOffset heartbeatBefore, CancellationToken cancellationToken);
}
