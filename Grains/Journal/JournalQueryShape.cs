namespace Grains.Journal;

/// <summary>
/// Which filters a <see cref="JournalQuery"/> sets, and its order: each shape has its own SQL text
/// (built once), so that every predicate in it can use an index.
/// </summary>
internal readonly record struct JournalQueryShape(int Index)
{
    public const int Count = 64;

    private const int FromBit = 1;
    private const int ToBit = 2;
    private const int AuthorBit = 4;
    private const int AfterSeqBit = 8;
    private const int BeforeSeqBit = 16;
    private const int DescendingBit = 32;

    public bool HasFrom => (Index & FromBit) != 0;

    public bool HasTo => (Index & ToBit) != 0;

    public bool HasAuthor => (Index & AuthorBit) != 0;

    public bool HasAfterSeq => (Index & AfterSeqBit) != 0;

    public bool HasBeforeSeq => (Index & BeforeSeqBit) != 0;

    public bool Descending => (Index & DescendingBit) != 0;

    /// <summary>The shape of a query, after checking its paging values.</summary>
    public static JournalQueryShape Of(JournalQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Offset, nameof(query));
        ArgumentOutOfRangeException.ThrowIfNegative(query.Limit, nameof(query));
        var index = (query.From is null ? 0 : FromBit)
            | (query.To is null ? 0 : ToBit)
            | (query.Author is null ? 0 : AuthorBit)
            | (query.AfterSeq is null ? 0 : AfterSeqBit)
            | (query.BeforeSeq is null ? 0 : BeforeSeqBit)
            | (query.Descending ? DescendingBit : 0);
        return new JournalQueryShape(index);
    }
}
