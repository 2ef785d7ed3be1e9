using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Orleans.Storage;

namespace Grains.Journal;

/// <summary>A grain's journal: one stream of the journal store, with payloads serialized as JSON.</summary>
internal sealed class GrainJournal<TPayload>(string stream, IJournalStore store, JsonTypeInfo<TPayload> payloadType) : IGrainJournal<TPayload>
{
    public async Task<JournalEntry<TPayload>?> GetLastAsync(CancellationToken cancellationToken = default) =>
        ToEntry(await store.GetLastAsync(stream, cancellationToken).ConfigureAwait(false));

    public Task AppendAsync(IReadOnlyList<JournalEntry<TPayload>> entries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rows = new JournalRow[entries.Count];
        for (var i = 0; i < rows.Length; i++)
        {
            rows[i] = ToRow(entries[i]);
        }

        return store.AppendAsync(stream, rows, cancellationToken);
    }

    public async Task<JournalEntry<TPayload>?> FindAsync(Guid entryId, CancellationToken cancellationToken = default) =>
        ToEntry(await store.FindAsync(stream, entryId, cancellationToken).ConfigureAwait(false));

    public async Task<JournalEntry<TPayload>?> FindByDedupKeyAsync(string dedupKey, CancellationToken cancellationToken = default) =>
        ToEntry(await store.FindByDedupKeyAsync(stream, dedupKey, cancellationToken).ConfigureAwait(false));

    public async Task UpdateAsync(JournalEntry<TPayload> entry, CancellationToken cancellationToken = default)
    {
        if (!await store.UpdateAsync(stream, entry.EntryId, Serialize(entry.Payload), entry.Deleted, cancellationToken).ConfigureAwait(false))
        {
            throw new InconsistentStateException($"Journal entry {entry.EntryId} of {stream} no longer exists.");
        }
    }

    public async Task<JournalPage<TPayload>> QueryAsync(JournalQuery query, CancellationToken cancellationToken = default)
    {
        var page = await store.QueryAsync(stream, query, cancellationToken).ConfigureAwait(false);
        return new JournalPage<TPayload>(page.TotalCount, [.. page.Rows.Select(r => ToEntry(r)!)]);
    }

    public Task ClearAsync(CancellationToken cancellationToken = default) => store.DeleteThroughAsync(stream, long.MaxValue, cancellationToken);

    public Task DeleteThroughAsync(long seq, CancellationToken cancellationToken = default) => store.DeleteThroughAsync(stream, seq, cancellationToken);

    private byte[] Serialize(TPayload payload) => JsonSerializer.SerializeToUtf8Bytes(payload, payloadType);

    private JournalRow ToRow(JournalEntry<TPayload> entry) =>
        new(entry.Seq, entry.EntryId, entry.Timestamp, entry.Author, entry.DedupKey, entry.Deleted, Serialize(entry.Payload));

    private JournalEntry<TPayload>? ToEntry(JournalRow? row) =>
        row is null
            ? null
            : new JournalEntry<TPayload>(
                row.Seq, row.EntryId, row.Timestamp, row.Author, row.DedupKey, row.Deleted, JsonSerializer.Deserialize(row.Payload, payloadType)!);
}
