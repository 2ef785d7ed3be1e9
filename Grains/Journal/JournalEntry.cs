namespace Grains.Journal;

/// <summary>A journal entry as a grain sees it, with its payload deserialized.</summary>
public sealed record JournalEntry<TPayload>(
    long Seq,
    Guid EntryId,
    DateTimeOffset Timestamp,
    string Author,
    string? DedupKey,
    bool Deleted,
    TPayload Payload);
