using Orleans.Storage;

namespace Grains.Journal;

/// <summary>
/// The storage provider seam for append-only journals (a conversation's messages): rows keyed by
/// (stream, seq), so an append costs the same however long the stream is.
/// </summary>
public interface IJournalStore
{
    /// <summary>
    /// Appends rows of one stream (consecutive seqs, in order) in one transaction and returns once they are
    /// durable; a failed commit writes none of them. Throws <see cref="InconsistentStateException"/> when a
    /// row's (stream, seq), entry id or (stream, dedup key) is already taken, and then writes none of the
    /// call's rows: an append is whole or not at all, on every provider, so a refused append neither leaves
    /// rows its caller was told failed nor a gap in the seqs.
    /// </summary>
    Task AppendAsync(string stream, IReadOnlyList<JournalRow> rows, CancellationToken cancellationToken);

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

/// <summary>One-row appends over <see cref="IJournalStore.AppendAsync(string, IReadOnlyList{JournalRow}, CancellationToken)"/>.</summary>
public static class JournalStoreExtensions
{
    /// <summary>Appends one row once durable; <see cref="InconsistentStateException"/> when its seq or dedup key is taken.</summary>
    public static Task AppendAsync(this IJournalStore store, string stream, JournalRow row, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(row);
        return store.AppendAsync(stream, [row], cancellationToken);
    }
}
