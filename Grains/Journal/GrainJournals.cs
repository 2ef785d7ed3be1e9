using System.Text.Json.Serialization.Metadata;

namespace Grains.Journal;

/// <summary>
/// Opens the journal streams of grains: journals over the configured <see cref="IJournalStore"/>, and event
/// logs over the store registered under <see cref="EventLogKey"/>, a table of the same shape whose only
/// index is (stream, seq), since an event log is read by seq alone and written far more often.
/// </summary>
public sealed class GrainJournals(IJournalStore journals, IJournalStore eventLogs)
{
    /// <summary>The service key of the event logs' <see cref="IJournalStore"/>.</summary>
    public const string EventLogKey = "event-log";

    /// <summary>The journal named <paramref name="name"/> of the grain keyed <paramref name="key"/> (stream <c>name/key</c>).</summary>
    public IGrainJournal<TPayload> Open<TPayload>(string name, string key, JsonTypeInfo<TPayload> payloadType) =>
        new GrainJournal<TPayload>($"{name}/{key}", journals, payloadType);

    /// <summary>
    /// The event log named <paramref name="name"/> of the grain keyed <paramref name="key"/>: read by seq (and
    /// time within a seq range) only; looking entries up by id or dedup key, or filtering by author, is not indexed.
    /// </summary>
    public IGrainJournal<TPayload> OpenLog<TPayload>(string name, string key, JsonTypeInfo<TPayload> payloadType) =>
        new GrainJournal<TPayload>($"{name}/{key}", eventLogs, payloadType);
}
