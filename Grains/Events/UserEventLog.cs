using Grains.Journal;

namespace Grains.Events;

/// <summary>
/// A user's event log: events with consecutive cursors from 1, written only by the user grain. It is
/// stored as a journal of <see cref="UserEventRow"/>s: the events of a commit share a time and go into as
/// few rows as <see cref="UserEventRow.MaxBytes"/> allows, each keyed by the cursor of its first event, so a
/// busy user's batch costs a few rows, not one per event. Keyed by its first cursor, the first row of a
/// commit collides with the first row of any other writer that starts from the same end of the log (a
/// second activation), as one row per event did, and the commit fails.
/// It keeps the newest events of this activation in memory, so that streams resuming after a short
/// break, and gateways filling a gap, are answered without reading the database. Retention
/// (<see cref="FindTrimPointAsync"/>) drops only events that are both past the newest
/// <see cref="UserEventLogOptions.RetainedEvents"/> and older than <see cref="UserEventLogOptions.RetentionPeriod"/>,
/// and only whole rows.
/// <para>Not thread-safe: the grain calls it from its own turns only.</para>
/// </summary>
internal sealed class UserEventLog(IGrainJournal<UserEventRow> journal, UserEventLogOptions options)
{
    private readonly Queue<LoggedEvent> _recent = new(); // consecutive cursors ending at LastCursor
    private readonly List<LoggedEvent> _staged = []; // consecutive cursors after LastCursor, not yet written

    /// <summary>The cursor of the newest event written; 0 before the first.</summary>
    public long LastCursor { get; private set; }

    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var last = await journal.GetLastAsync(cancellationToken);
        LastCursor = last is null ? 0 : LastCursorOf(last);
        _recent.Clear();
        _staged.Clear();
    }

    /// <summary>
    /// Takes the record as the event after the last one staged (or the last one written), to be written by
    /// <see cref="CommitAsync"/>; until then readers do not see it. The events staged for one commit share
    /// <paramref name="at"/>.
    /// </summary>
    public LoggedEvent Stage(UserEventRecord record, DateTimeOffset at)
    {
        if (_staged.Count > 0 && _staged[0].At != at)
        {
            throw new ArgumentException("The events of one commit share a time.", nameof(at));
        }

        var logged = new LoggedEvent(LastCursor + _staged.Count + 1, at, record);
        _staged.Add(logged);
        return logged;
    }

    /// <summary>
    /// Writes the staged events in one append, all durable when this returns, and returns them. If it throws,
    /// the outcome is unknown: the caller must not append again before <see cref="LoadAsync"/>.
    /// </summary>
    public async Task<IReadOnlyList<LoggedEvent>> CommitAsync()
    {
        if (_staged.Count == 0)
        {
            return [];
        }

        var events = _staged.ToArray();
        _staged.Clear();
        var rows = UserEventRow.Pack([.. events.Select(logged => logged.Record)]);
        var entries = new JournalEntry<UserEventRow>[rows.Count];
        var cursor = events[0].Cursor;
        var at = events[0].At;
        for (var i = 0; i < rows.Count; i++)
        {
            // The author column holds the row's first event's type; nothing reads it.
            var row = rows[i];
            entries[i] = new JournalEntry<UserEventRow>(cursor, Guid.CreateVersion7(at), at, row.Records[0].Type, DedupKey: null, Deleted: false, row);
            cursor += row.Records.Count;
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

        // The event after the cursor is in the last row that starts at or before it (none: it was trimmed),
        // and each row holds at least one event.
        var holding = await journal.GetLastAtOrBeforeAsync(afterCursor + 1);
        var page = await journal.QueryAsync(new JournalQuery { AfterSeq = (holding?.Seq ?? 1) - 1, Descending = false, Limit = limit });
        var events = new List<LoggedEvent>(limit);
        foreach (var row in page.Entries)
        {
            var records = row.Payload.Records;
            for (var i = 0; i < records.Count && events.Count < limit; i++)
            {
                if (row.Seq + i > afterCursor)
                {
                    events.Add(new LoggedEvent(row.Seq + i, row.Timestamp, records[i]));
                }
            }
        }

        return events;
    }

    /// <summary>
    /// The newest cursor that retention allows to drop at <paramref name="now"/>, always the last of a row
    /// (the events of a row share a time, and a row is dropped whole or kept whole); 0 when none.
    /// </summary>
    public async Task<long> FindTrimPointAsync(DateTimeOffset now)
    {
        var newestDroppable = LastCursor - options.RetainedEvents;
        if (newestDroppable <= 0)
        {
            return 0;
        }

        var query = new JournalQuery { To = now - options.RetentionPeriod, BeforeSeq = newestDroppable + 1, Descending = true, Limit = 1 };
        var page = await journal.QueryAsync(query);
        if (page.Entries.Count == 0)
        {
            return 0;
        }

        // The newest droppable row starts at or before the newest droppable cursor; if it reaches past it, the
        // row before it ends the events that may go.
        var row = page.Entries[0];
        var last = LastCursorOf(row);
        return last <= newestDroppable ? last : row.Seq - 1;
    }

    /// <summary>Drops the rows that start at or before <paramref name="cursor"/>: a cursor that ends a row, as <see cref="FindTrimPointAsync"/> gives.</summary>
    public Task DeleteThroughAsync(long cursor) => journal.DeleteThroughAsync(cursor);

    private static long LastCursorOf(JournalEntry<UserEventRow> row) => row.Seq + row.Payload.Records.Count - 1;
}
