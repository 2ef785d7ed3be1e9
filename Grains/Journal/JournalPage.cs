namespace Grains.Journal;

/// <summary>A page of journal entries with the count of all entries that match the filters.</summary>
public sealed record JournalPage<TPayload>(long TotalCount, IReadOnlyList<JournalEntry<TPayload>> Entries);
