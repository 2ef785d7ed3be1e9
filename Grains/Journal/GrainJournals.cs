using System.Text.Json.Serialization.Metadata;

namespace Grains.Journal;

/// <summary>Opens the journal streams of grains over the configured <see cref="IJournalStore"/>.</summary>
public sealed class GrainJournals(IJournalStore store)
{
    /// <summary>The journal named <paramref name="name"/> of the grain keyed <paramref name="key"/> (stream <c>name/key</c>).</summary>
    public IGrainJournal<TPayload> Open<TPayload>(string name, string key, JsonTypeInfo<TPayload> payloadType) =>
        new GrainJournal<TPayload>($"{name}/{key}", store, payloadType);
}
