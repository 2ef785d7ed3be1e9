using System.Collections.Concurrent;
using System.Globalization;
using Grains.Storage;
using Messaging.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Grains.Tests.Storage;

/// <summary>
/// One PostgreSQL server for the whole test run (shared through <see cref="PostgresCollection"/>), with a
/// database per name. Fails, rather than skips, when the server binaries are missing.
/// </summary>
public sealed class PostgresServerFixture : IStorageTestProvider, IAsyncLifetime
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _databases = new();
    private PostgresServer? _server;

    /// <summary>The running server.</summary>
    public PostgresServer Server => _server ?? throw new InvalidOperationException("The PostgreSQL server has not started.");

    public async Task InitializeAsync() => _server = await PostgresServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    public Task<string> GetDatabaseAsync(string name) =>
        _databases.GetOrAdd(name.ToLowerInvariant(), n => new Lazy<Task<string>>(() => Server.CreateDatabaseAsync(n))).Value;

    public void AddStorage(IServiceCollection services, string connectionString) =>
        services.AddPostgresJournalStorage(connectionString, static _ => { });

    public async Task<long> QueryScalarAsync(string connectionString, string sql)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var command = dataSource.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
