using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// A page of a table's rows that match every condition added with <see cref="Where"/>, and how many match in all:
/// a count and a select with the same conditions and parameters, on one connection.
/// </summary>
internal sealed class SqliteFilteredPage(SqliteConnection connection) : IAsyncDisposable
{
    private readonly List<string> _conditions = [];
    private readonly SqliteCommand _count = connection.CreateCommand();
    private readonly SqliteCommand _select = connection.CreateCommand();

    /// <summary>Adds a condition and the value of the one parameter it names.</summary>
    public void Where(string condition, string parameter, object value)
    {
        _conditions.Add(condition);
        _count.Parameters.AddWithValue(parameter, value);
        _select.Parameters.AddWithValue(parameter, value);
    }

    /// <summary>The count of matching rows, then those of the page in <paramref name="orderBy"/> order, each read by <paramref name="read"/>.</summary>
    public async Task<(long Count, List<T> Rows)> ReadAsync<T>(
        string table, string columns, string orderBy, int limit, int offset, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        var where = _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);
        _count.CommandText = $"SELECT COUNT(*) FROM {table}{where}";
        var count = Convert.ToInt64(await _count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        _select.CommandText = $"SELECT {columns} FROM {table}{where} ORDER BY {orderBy} LIMIT $limit OFFSET $offset";
        _select.Parameters.AddWithValue("$limit", Math.Max(0, limit));
        _select.Parameters.AddWithValue("$offset", Math.Max(0, offset));
        var rows = new List<T>();
        await using var reader = await _select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return (count, rows);
    }

    public async ValueTask DisposeAsync()
    {
        await _count.DisposeAsync();
        await _select.DisposeAsync();
    }
}
