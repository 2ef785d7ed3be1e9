using System.Collections.Concurrent;
using System.Globalization;
using Grains.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>SQLite databases as files in a temporary directory, deleted with it when the test class ends.</summary>
public sealed class SqliteTestProvider : IStorageTestProvider, IDisposable
{
    private readonly ConcurrentDictionary<string, string> _databases = new();

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("actors-sqlite-").FullName;

    public Task<string> GetDatabaseAsync(string name) =>
        Task.FromResult(_databases.GetOrAdd(name, n => $"Data Source={Path.Combine(Directory, n + ".db")}"));

    public void AddStorage(IServiceCollection services, string connectionString) =>
        services.AddSqliteMessagingStorage(connectionString);

    public async Task<long> QueryScalarAsync(string connectionString, string sql)
    {
        // Unpooled, so that no connection outlives the test class and its files.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
