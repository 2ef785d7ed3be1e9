using Orleans.Storage;

namespace Grains.Journal;

/// <summary>The exception for an append whose seq, entry id or dedup key is already taken in its stream.</summary>
internal static class JournalConflict
{
    public static InconsistentStateException Create(string stream, JournalRow row, Exception innerException) =>
        new(
            $"Journal {stream} already holds seq {row.Seq}, entry {row.EntryId}"
            + (row.DedupKey is null ? string.Empty : $" or dedup key '{row.DedupKey}'")
            + "; nothing was appended.",
            innerException);
}
