using Actors.Hosting;
using Actors.Storage.Sqlite;
using Actors.Testing;
using Actors.Testing.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Actors.Bench.Infrastructure;

/// <summary>
/// A <see cref="TestCluster"/> over the chosen storage, with the production membership periods (so that
/// heartbeats disturb the measurements as little as in a real silo), and what it needs torn down after.
/// </summary>
public sealed class BenchCluster : IAsyncDisposable
{
    private readonly PostgresServer? _postgres;
    private readonly string? _directory;

    private BenchCluster(TestCluster cluster, PostgresServer? postgres, string? directory)
    {
        Cluster = cluster;
        _postgres = postgres;
        _directory = directory;
    }

    public TestCluster Cluster { get; }

    public IReadOnlyList<TestSilo> Silos => Cluster.Silos;

    public static async Task<BenchCluster> StartAsync(BenchStorage storage, int silos, Action<IServiceCollection> configureServices)
    {
        PostgresServer? postgres = null;
        string? directory = null;
        try
        {
            Action<IServiceCollection> configureStorage;
            if (storage == BenchStorage.Postgres)
            {
                postgres = await PostgresServer.StartAsync();
                var connectionString = await postgres.CreateDatabaseAsync("bench");
                configureStorage = services => services.AddPostgresActorStorage(connectionString);
            }
            else
            {
                directory = Directory.CreateTempSubdirectory("actors-bench-").FullName;
                var connectionString = $"Data Source={Path.Combine(directory, "bench.db")}";
                var synchronous = storage == BenchStorage.SqliteNormal ? SqliteSynchronousMode.Normal : SqliteSynchronousMode.Full;
                configureStorage = services => services.AddSqliteActorStorage(connectionString, o => o.Synchronous = synchronous);
            }

            var cluster = await TestCluster.StartAsync(new TestClusterOptions
            {
                InitialSilos = silos,
                ConfigureStorage = configureStorage,
                ConfigureServices = configureServices,
                ConfigureMembership = static _ => { },
            });
            return new BenchCluster(cluster, postgres, directory);
        }
        catch
        {
            await DisposeStorageAsync(postgres, directory);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Cluster.DisposeAsync();
        await DisposeStorageAsync(_postgres, _directory);
    }

    private static async Task DisposeStorageAsync(PostgresServer? postgres, string? directory)
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }

        if (directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }
}
