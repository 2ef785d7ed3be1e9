using Grains.Journal;

namespace Grains.Events;

/// <summary>
/// A user's event log: a journal of events whose seq is the cursor, consecutive from 1, written only by
/// the user grain. It keeps the newest events of this activation in memory, so that streams resuming
/// after a short break, and gateways filling a gap, are answered without reading the database.
/// Retention (<see cref="FindTrimPointAsync"/>) drops only events that are both past the newest
/// <see cref="UserEventLogOptions.RetainedEvents"/> and older than <see cref="UserEventLogOptions.RetentionPeriod"/>.
/// <para>Not thread-safe: the grain calls it from its own turns only.</para>
/// </summary>
internal sealed class UserEventLog(IGrainJournal<UserEventRecord> journal, UserEventLogOptions options)
{
    private readonly Queue<LoggedEvent> _recent = new(); // consecutive cursors ending at LastCursor
    private readonly List<LoggedEvent> _staged = []; // consecutive cursors after LastCursor, not yet written

    /// <summary>The cursor of the newest event written; 0 before the first.</summary>
    public long LastCursor { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var last = await journal.GetLastAsync(cancellationToken);
        LastCursor = last?.Seq ?? 0;
        _recent.Clear();
        _staged.Clear();
    }

    /// <summary>
    /// Takes the record as the event after the last one staged (or the last one written), to be written by
    /// <see cref="CommitAsync"/>; until then readers do not see it.
    /// </summary>
    public LoggedEvent Stage(UserEventRecord record, DateTimeOffset at)
    {
        var logged = new LoggedEvent(LastCursor + _staged.Count + 1, at, record);
        _staged.Add(logged);
        return logged;
    }

    /// <summary>
    /// Writes the staged events in one append, all durable when this returns, and returns them. If it
    /// throws, the outcome is unknown: the caller must not append again before <see cref="LoadAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> CommitAsync()
    {
        if (_staged.Count == 0)
        {
            return [];
        }

        var events = _staged.ToArray();
        _staged.Clear();
        var entries = new JournalEntry<UserEventRecord>[events.Length];
        for (var i = 0; i < events.Length; i++)
        {
            var (cursor, at, record) = (events[i].Cursor, events[i].At, events[i].Record);
            entries[i] = new JournalEntry<UserEventRecord>(cursor, Guid.CreateVersion7(at), at, record.Type, DedupKey: null, Deleted: false, record);
        }

        await journal.AppendAsync(entries);
        LastCursor += events.Length;
        foreach (var logged in events)
        {
            _recent.Enqueue(logged);
            if (_recent.Count > options.CachedEvents)
            {
                _recent.Dequeue();
            }
        }

        return events;
    }

    /// <summary>The events after <paramref name="afterCursor"/>, oldest first, at most <paramref name="limit"/>.</summary>
    public async Task<IReadOnlyList<LoggedEvent>> ReadAfterAsync(long afterCursor, int limit)
    {
        if (afterCursor >= LastCursor)
        {
            return [];
        }

        if (_recent.TryPeek(out var oldest) && oldest.Cursor <= afterCursor + 1)
        {
            return [.. _recent.Where(logged => logged.Cursor > afterCursor).Take(limit)];
        }

        var page = await journal.QueryAsync(new JournalQuery { AfterSeq = afterCursor, Descending = false, Limit = limit });
        return [.. page.Entries.Select(entry => new LoggedEvent(entry.Seq, entry.Timestamp, entry.Payload))];
    }

    /// <summary>The newest cursor that retention allows to drop at <paramref name="now"/>; 0 when none.</summary>
    public async Task<long> FindTrimPointAsync(DateTimeOffset now)
    {
        var newestDroppable = LastCursor - options.RetainedEvents;
        if (newestDroppable <= 0)
        {
            return 0;
        }

        var query = new JournalQuery { To = now - options.RetentionPeriod, BeforeSeq = newestDroppable + 1, Descending = true, Limit = 1 };
        var page = await journal.QueryAsync(query);
        return page.Entries.Count == 0 ? 0 : page.Entries[0].Seq;
    }

    public Task DeleteThroughAsync(long cursor) => journal.DeleteThroughAsync(cursor);
}
