using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>
/// A page of a table's rows that match every condition added with <see cref="Where"/>, and how many match in all:
/// a count and a select with the same conditions and parameters.
/// </summary>
internal sealed class PostgresFilteredPage(NpgsqlDataSource dataSource)
{
    private readonly List<string> _conditions = [];
    private readonly List<Func<NpgsqlParameter>> _parameters = [];

    /// <summary>Adds a condition whose one parameter is written <c>$?</c> (as often as it is used), and that parameter.</summary>
    public void Where(string condition, Func<NpgsqlParameter> parameter)
    {
        _parameters.Add(parameter);
        _conditions.Add(condition.Replace("$?", $"${_parameters.Count}", StringComparison.Ordinal));
    }

    /// <summary>The count of matching rows, then those of the page in <paramref name="orderBy"/> order, each read by <paramref name="read"/>.</summary>
    public async Task<(long Count, List<T> Rows)> ReadAsync<T>(
        string table, string columns, string orderBy, int limit, int offset, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        var where = _conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", _conditions);
        long count;
        await using (var command = dataSource.CreateCommand($"SELECT COUNT(*) FROM {table}{where}"))
        {
            command.Parameters.AddRange(_parameters.Select(parameter => parameter()).ToArray());
            count = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }

        var limitAt = _parameters.Count + 1;
        await using var select = dataSource.CreateCommand(
            $"SELECT {columns} FROM {table}{where} ORDER BY {orderBy} LIMIT ${limitAt} OFFSET ${limitAt + 1}");
        select.Parameters.AddRange(_parameters.Select(parameter => parameter()).ToArray());
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, limit) });
        select.Parameters.Add(new NpgsqlParameter<int> { TypedValue = Math.Max(0, offset) });
        var rows = new List<T>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(read(reader));
        }

        return (count, rows);
    }
}
