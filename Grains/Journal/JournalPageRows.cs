using System.Data.Common;

namespace Grains.Journal;

/// <summary>A page of journal rows with the count of all rows that match the query's filters.</summary>
public sealed record JournalPageRows(long TotalCount, IReadOnlyList<JournalRow> Rows)
{
    /// <summary>
    /// Reads a journal query's two result sets, as every provider answers it: the count of every match,
    /// then the page's rows, each read by the provider's <paramref name="readRow"/>.
    /// </summary>
    internal static async Task<JournalPageRows> ReadAsync<TReader>(
        TReader reader, int limit, Func<TReader, JournalRow> readRow, CancellationToken cancellationToken)
        where TReader : DbDataReader
    {
        await reader.ReadAsync(cancellationToken);
        var totalCount = reader.GetInt64(0);
        await reader.NextResultAsync(cancellationToken);
        var rows = new List<JournalRow>(Math.Min(limit, 1000));
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(readRow(reader));
        }

        return new JournalPageRows(totalCount, rows);
    }
}
