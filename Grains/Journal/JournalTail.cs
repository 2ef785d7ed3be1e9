namespace Grains.Journal;

/// <summary>
/// The newest live (not deleted) entries of a journal, kept in memory by the grain that owns the journal,
/// with the count of every live entry. It answers the queries that only need the newest entries (the
/// latest page, a page before a recent seq, catch-up after a recent seq) without a database round trip,
/// and so makes their cost independent of how long the history is.
/// <para>
/// It holds every live entry whose seq is above <c>floor</c>: all of them while the journal is short, the
/// newest <c>capacity</c> once it is longer. Only the owning grain writes its journal, so the grain keeps
/// the tail exact by reporting every write it makes (<see cref="Appended"/>, <see cref="Updated"/>); a write
/// whose outcome is unknown must <see cref="Invalidate"/> it, and the next read loads it again.
/// Queries with time or sender filters, and pages that reach below the floor, are not answered here.
/// </para>
/// <para>Not thread-safe: the grain calls it from its own turns only.</para>
/// </summary>
internal sealed class JournalTail<TPayload>
{
    private readonly List<JournalEntry<TPayload>> _entries; // ascending seq, live entries only
    private readonly int _capacity;
    private long _floor;
    private long _liveCount;

    public JournalTail(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _capacity = capacity;
        _entries = new List<JournalEntry<TPayload>>(capacity + 1);
    }

    public bool IsLoaded { get; private set; }

    /// <summary>The query that loads the tail: the newest live entries, as many as it keeps.</summary>
    public JournalQuery LoadQuery => new() { Descending = true, Limit = _capacity };

    /// <summary>Whether loading the tail could let it answer this query (it has no time or sender filter).</summary>
    public static bool CouldAnswer(JournalQuery query) =>
        query is { From: null, To: null, Author: null };

    /// <summary>Loads the answer to <see cref="LoadQuery"/>.</summary>
    public void Load(JournalPage<TPayload> newestFirst)
    {
        ArgumentNullException.ThrowIfNull(newestFirst);
        _entries.Clear();
        for (var i = newestFirst.Entries.Count - 1; i >= 0; i--)
        {
            _entries.Add(newestFirst.Entries[i]);
        }

        _liveCount = newestFirst.TotalCount;
        _floor = _entries.Count < _liveCount ? _entries[0].Seq - 1 : 0;
        IsLoaded = true;
    }

    public void Invalidate()
    {
        IsLoaded = false;
        _entries.Clear();
    }

    /// <summary>A new entry, durable in the journal; its seq is above every other.</summary>
    public void Appended(JournalEntry<TPayload> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsLoaded)
        {
            return;
        }

        if (entry.Deleted || (_entries.Count > 0 && entry.Seq <= _entries[^1].Seq))
        {
            Invalidate();
            return;
        }

        _entries.Add(entry);
        _liveCount++;
        if (_entries.Count > _capacity)
        {
            _floor = _entries[0].Seq;
            _entries.RemoveAt(0);
        }
    }

    /// <summary>A live entry whose payload changed, or that was deleted, durably in the journal.</summary>
    public void Updated(JournalEntry<TPayload> entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!IsLoaded)
        {
            return;
        }

        var index = IndexOf(entry.Seq);
        if (!entry.Deleted)
        {
            if (index >= 0)
            {
                _entries[index] = entry;
            }

            return;
        }

        _liveCount--;
        if (index >= 0)
        {
            _entries.RemoveAt(index);

            // Keep enough entries to answer a full page: past half, load the newest again on the next read.
            if (_floor > 0 && _entries.Count < (_capacity + 1) / 2)
            {
                Invalidate();
            }
        }
    }

    /// <summary>A live entry by id, when it is in the tail.</summary>
    public JournalEntry<TPayload>? Find(Guid entryId)
    {
        if (!IsLoaded)
        {
            return null;
        }

        foreach (var entry in _entries)
        {
            if (entry.EntryId == entryId)
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Answers the query from memory when the tail holds every entry the answer needs.</summary>
    public bool TryAnswer(JournalQuery query, out JournalPage<TPayload> page)
    {
        ArgumentNullException.ThrowIfNull(query);
        page = null!;
        if (!IsLoaded || !CouldAnswer(query) || query.Offset < 0 || query.Limit < 1)
        {
            return false;
        }

        // The entries with after < seq < before, all of which the tail holds when after >= floor.
        var after = Math.Max(query.AfterSeq ?? 0, 0);
        var start = FirstAbove(after);
        var end = query.BeforeSeq is { } before ? (before <= 0 ? 0 : FirstAbove(before - 1)) : _entries.Count;
        var matching = Math.Max(end - start, 0);
        end = Math.Max(end, start);
        long totalCount;
        if (after >= _floor)
        {
            totalCount = matching;
        }
        else if (query.Descending && after == 0 && (long)query.Offset + query.Limit <= matching)
        {
            // Some matches lie below the floor, but the page is among the newest ones, which are here;
            // the count is every live entry less those at or above the upper bound (all of them here).
            totalCount = _liveCount - (_entries.Count - end);
        }
        else
        {
            return false;
        }

        var skip = (int)Math.Min(query.Offset, matching);
        var take = Math.Min(query.Limit, matching - skip);
        var entries = new JournalEntry<TPayload>[take];
        for (var i = 0; i < take; i++)
        {
            entries[i] = query.Descending ? _entries[end - 1 - skip - i] : _entries[start + skip + i];
        }

        page = new JournalPage<TPayload>(totalCount, entries);
        return true;
    }

    /// <summary>Counts the live entries above <paramref name="afterSeq"/> that match, when the tail holds all of them.</summary>
    public bool TryCount(long afterSeq, Func<JournalEntry<TPayload>, bool> predicate, out long count)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        count = 0;
        if (!IsLoaded || afterSeq < _floor)
        {
            return false;
        }

        for (var i = FirstAbove(afterSeq); i < _entries.Count; i++)
        {
            if (predicate(_entries[i]))
            {
                count++;
            }
        }

        return true;
    }

    /// <summary>The index of the first entry whose seq is above <paramref name="seq"/>.</summary>
    private int FirstAbove(long seq)
    {
        int low = 0, high = _entries.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_entries[middle].Seq <= seq)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private int IndexOf(long seq)
    {
        var index = FirstAbove(seq - 1);
        return index < _entries.Count && _entries[index].Seq == seq ? index : -1;
    }
}
