namespace Grains.Journal;

/// <summary>A page of journal rows with the count of all rows that match the query's filters.</summary>
public sealed record JournalPageRows(long TotalCount, IReadOnlyList<JournalRow> Rows);
