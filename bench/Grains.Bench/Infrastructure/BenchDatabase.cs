using Grains.Bench.BenchGrains;
using Grains.Storage;
using Grains.Storage.Sqlite;
using Messaging.Testing.Postgres;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;

namespace Grains.Bench.Infrastructure;

/// <summary>
/// The storage under a benchmark cluster, created before its silos and deleted after them: a SQLite file
/// in a temporary directory, or a database on a throwaway PostgreSQL server.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;
    private readonly string? _directory;

    private BenchDatabase(BenchStorage storage, string connectionString, PostgresServer? postgres, string? directory)
    {
        Storage = storage;
        ConnectionString = connectionString;
        _postgres = postgres;
        _directory = directory;
    }

    public BenchStorage Storage { get; }

    public string ConnectionString { get; }

    public static async Task<BenchDatabase> CreateAsync(BenchStorage storage)
    {
        if (storage != BenchStorage.Postgres)
        {
            var directory = Directory.CreateTempSubdirectory("grains-bench-").FullName;
            var connectionString = $"Data Source={Path.Combine(directory, "bench.db")}";
            if (storage == BenchStorage.SqliteAdoNet)
            {
                await CreateOrleansStorageTablesAsync(connectionString);
            }

            return new BenchDatabase(storage, connectionString, null, directory);
        }

        var server = await PostgresServer.StartAsync();
        try
        {
            return new BenchDatabase(storage, await server.CreateDatabaseAsync("bench"), server, null);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Registers on a silo what production registers for this storage (the default grain storage, the
    /// journals, and the schema applied at start-up), plus the bench grain's storage: the same provider with
    /// a serializer that knows <see cref="BenchState"/>.
    /// </summary>
    public void ConfigureSilo(ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        var benchSerializer = new JsonGrainStateSerializer(BenchJsonContext.Default);
        if (Storage == BenchStorage.Postgres)
        {
            silo.AddPostgresMessagingStorage(ConnectionString);
            silo.AddAdoNetGrainStorage(BenchGrain.StorageName, options =>
            {
                options.Invariant = PostgresStorageServiceCollectionExtensions.Invariant;
                options.ConnectionString = ConnectionString;
                options.GrainStorageSerializer = benchSerializer;
            });
            return;
        }

        var synchronous = Storage == BenchStorage.SqliteNormal ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;
        silo.Services.AddSqliteMessagingStorage(ConnectionString, options => options.Synchronous = synchronous);
        if (Storage == BenchStorage.SqliteAdoNet)
        {
            silo.AddAdoNetGrainStorage(BenchGrain.StorageName, options =>
            {
                options.Invariant = SqliteAdoNetInvariant;
                options.ConnectionString = ConnectionString;
                options.GrainStorageSerializer = benchSerializer;
            });
            return;
        }

        silo.Services.AddGrainStorage(
            BenchGrain.StorageName,
            (services, _) => new StateStoreGrainStorage(services.GetRequiredService<IGrainStateStore>(), benchSerializer));
    }

    /// <summary>Orleans 10.4.2's ADO.NET name for SQLite (it then uses Microsoft.Data.Sqlite); "Microsoft.Data.Sqlite" fails at start.</summary>
    private const string SqliteAdoNetInvariant = "System.Data.SQLite";

    private static async Task CreateOrleansStorageTablesAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; " + await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Infrastructure", "OrleansSqliteStorage.sql"));
        await command.ExecuteNonQueryAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }

        if (_directory is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_directory, recursive: true);
        }
    }
}
