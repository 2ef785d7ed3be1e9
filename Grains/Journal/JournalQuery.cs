namespace Grains.Journal;

/// <summary>
/// A keyset query over a journal stream. Deleted entries never match. Bounds on time are inclusive,
/// bounds on seq exclusive. Results are ordered by seq, which is also acceptance (time) order.
/// </summary>
public sealed record JournalQuery
{
    public DateTimeOffset? From { get; init; }

    public DateTimeOffset? To { get; init; }

    public string? Author { get; init; }

    public long? AfterSeq { get; init; }

    public long? BeforeSeq { get; init; }

    public bool Descending { get; init; } = true;

    public int Offset { get; init; }

    public int Limit { get; init; } = 20;
}
