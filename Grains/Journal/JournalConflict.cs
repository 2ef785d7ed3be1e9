using Orleans.Storage;

namespace Grains.Journal;

/// <summary>The exception for an append whose seq, entry id or dedup key is already taken in its stream.</summary>
internal static class JournalConflict
{
    /// <summary>
    /// The provider's exception is described, not chained: this exception travels back to the caller of the
    /// grain (which retries on it, since nothing was written), and Orleans serializes only exceptions of the
    /// System, Microsoft and Azure namespaces, so a chained <c>Npgsql.PostgresException</c> would reach the
    /// caller as a <c>CodecNotFoundException</c> instead.
    /// </summary>
    public static InconsistentStateException Create(string stream, JournalRow row, Exception providerException) =>
        new(
            $"Journal {stream} already holds seq {row.Seq}, entry {row.EntryId}"
            + (row.DedupKey is null ? string.Empty : $" or dedup key '{row.DedupKey}'")
            + $"; nothing was appended ({providerException.GetType().Name}: {providerException.Message})");

    /// <summary>The same, for a provider that skipped the conflicting row instead of raising an error.</summary>
    public static InconsistentStateException Create(string stream, JournalRow row) =>
        new(
            $"Journal {stream} already holds seq {row.Seq}, entry {row.EntryId}"
            + (row.DedupKey is null ? string.Empty : $" or dedup key '{row.DedupKey}'")
            + "; nothing was appended");

    /// <summary>The same, when the provider's error does not say which row of the append was taken.</summary>
    public static InconsistentStateException Create(string stream, Exception providerException) =>
        new($"Journal {stream} already holds a seq, entry id or dedup key of this append; nothing was appended ({providerException.GetType().Name}: {providerException.Message})");
}
