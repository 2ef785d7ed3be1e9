namespace Grains.Journal;

/// <summary>
/// One stored journal entry. (Stream, Seq) is its key; EntryId is unique in the stream, and so is
/// DedupKey when set. A deleted entry keeps its row (and so its seq and dedup key) but leaves queries.
/// </summary>
public sealed record JournalRow(
    long Seq,
    Guid EntryId,
    DateTimeOffset Timestamp,
    string Author,
    string? DedupKey,
    bool Deleted,
    byte[] Payload);
