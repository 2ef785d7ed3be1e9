using Orleans.Storage;

namespace Grains.Journal;

/// <summary>
/// The storage provider seam for append-only journals (a conversation's messages): rows keyed by
/// (stream, seq), so an append costs the same however long the stream is.
/// </summary>
public interface IJournalStore
{
    /// <summary>
    /// Appends a row and returns once it is durable. Throws <see cref="InconsistentStateException"/>
    /// and writes nothing when (stream, seq) or (stream, dedup key) is already taken.
    /// </summary>
    Task AppendAsync(string stream, JournalRow row, CancellationToken cancellationToken);

    /// <summary>The row with the highest seq, deleted or not; null for an empty stream.</summary>
    Task<JournalRow?> GetLastAsync(string stream, CancellationToken cancellationToken);

    Task<JournalRow?> FindAsync(string stream, Guid entryId, CancellationToken cancellationToken);

    Task<JournalRow?> FindByDedupKeyAsync(string stream, string dedupKey, CancellationToken cancellationToken);

    /// <summary>Replaces the payload and deleted flag of an existing row; false when no such row exists.</summary>
    Task<bool> UpdateAsync(string stream, Guid entryId, byte[] payload, bool deleted, CancellationToken cancellationToken);

    Task<JournalPageRows> QueryAsync(string stream, JournalQuery query, CancellationToken cancellationToken);

    /// <summary>Removes the rows of the stream up to and including <paramref name="throughSeq"/> (<see cref="long.MaxValue"/>: all of them).</summary>
    Task DeleteThroughAsync(string stream, long throughSeq, CancellationToken cancellationToken);
}
