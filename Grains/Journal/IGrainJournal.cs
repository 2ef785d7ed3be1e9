using Orleans.Storage;

namespace Grains.Journal;

/// <summary>
/// An append-only journal owned by one grain (opened through <see cref="GrainJournals"/>). Only that
/// grain writes it; Orleans has no such paged, filtered log of its own.
/// </summary>
public interface IGrainJournal<TPayload>
{
    Task<JournalEntry<TPayload>?> GetLastAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends entries with consecutive seqs in one transaction, once all are durable;
    /// <see cref="InconsistentStateException"/> when a seq or dedup key is taken (see <see cref="IJournalStore.AppendAsync"/>).
    /// </summary>
    Task AppendAsync(IReadOnlyList<JournalEntry<TPayload>> entries, CancellationToken cancellationToken = default);

    Task<JournalEntry<TPayload>?> FindAsync(Guid entryId, CancellationToken cancellationToken = default);

    Task<JournalEntry<TPayload>?> FindByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default);

    /// <summary>Stores a new payload and deleted flag for an existing entry.</summary>
    Task UpdateAsync(JournalEntry<TPayload> entry, CancellationToken cancellationToken = default);

    Task<JournalPage<TPayload>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default);

    Task ClearAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the entries up to and including <paramref name="seq"/> (retention of a bounded log).</summary>
    Task DeleteThroughAsync(long seq, CancellationToken cancellationToken = default);
}
