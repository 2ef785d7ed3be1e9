using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Npgsql;

namespace Messaging.Testing.Postgres;

/// <summary>
/// A throwaway PostgreSQL server for tests: a fresh cluster in a temporary directory, listening on a free
/// loopback port only, with trust authentication, stopped and deleted on dispose. initdb and postgres
/// refuse to run as root, so under root (containers, CI) they run as the <c>postgres</c> user.
/// </summary>
public sealed partial class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";
    private const int StartAttempts = 3;

    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly PostgresBinaries _binaries;
    private readonly string _rootDirectory;
    private readonly string _dataDirectory;
    private readonly bool _runAsPostgresUser;
    private readonly NpgsqlDataSource _admin;
    private int _disposed;

    private PostgresServer(PostgresBinaries binaries, string rootDirectory, bool runAsPostgresUser, int port)
    {
        _binaries = binaries;
        _rootDirectory = rootDirectory;
        _dataDirectory = Path.Combine(rootDirectory, "data");
        _runAsPostgresUser = runAsPostgresUser;
        Port = port;
        ConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = IPAddress.Loopback.ToString(),
            Port = port,
            Username = SuperUser,
            Database = "postgres",
            IncludeErrorDetail = true,
        }.ConnectionString;
        _admin = NpgsqlDataSource.Create(ConnectionString);
    }

    /// <summary>The loopback port the server listens on.</summary>
    public int Port { get; }

    /// <summary>A connection string to the server's <c>postgres</c> database, as superuser.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Creates a cluster and starts it; throws, saying how to install PostgreSQL, when its server binaries
    /// are missing.
    /// </summary>
    public static async Task<PostgresServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var binaries = PostgresBinaries.Locate();
        var runAsPostgresUser = Environment.IsPrivilegedProcess;
        var rootDirectory = Directory.CreateTempSubdirectory("actors-pg-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(rootDirectory, "sock"));
            if (runAsPostgresUser)
            {
                await ProcessRunner.RunAsync(["chown", "-R", $"{SuperUser}:{SuperUser}", rootDirectory], rootDirectory, CommandTimeout, cancellationToken);
            }

            await ProcessRunner.RunAsync(
                AsServerUser(
                    runAsPostgresUser,
                    binaries.InitDb,
                    "--pgdata", Path.Combine(rootDirectory, "data"),
                    "--username", SuperUser,
                    "--auth", "trust",
                    "--encoding", "UTF8",
                    "--locale", "C",
                    "--no-instructions",
                    // A test cluster is thrown away: skipping fsync makes initdb and every commit fast.
                    // Never do this for a real server.
                    "--no-sync"),
                rootDirectory,
                CommandTimeout,
                cancellationToken);

            for (var attempt = 1; ; attempt++)
            {
                var server = new PostgresServer(binaries, rootDirectory, runAsPostgresUser, FindFreePort());
                try
                {
                    await server.StartServerAsync(cancellationToken);
                }
                catch (InvalidOperationException) when (attempt < StartAttempts)
                {
                    // Another process may have taken the free port between the probe and the bind.
                    await server._admin.DisposeAsync();
                    continue;
                }
                catch
                {
                    await server._admin.DisposeAsync();
                    throw;
                }

                try
                {
                    await server.WaitUntilAcceptingAsync(cancellationToken);
                    return server;
                }
                catch
                {
                    await server.DisposeAsync();
                    throw;
                }
            }
        }
        catch
        {
            if (Directory.Exists(rootDirectory))
            {
                Directory.Delete(rootDirectory, recursive: true);
            }

            throw;
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        if (!DatabaseName().IsMatch(name))
        {
            throw new ArgumentException($"'{name}' is not a plain database name (letters, digits, underscores; at most 63).", nameof(name));
        }

        await using (var command = _admin.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Stops the server (fast shutdown: open sessions are ended) and deletes its directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await _admin.DisposeAsync();
        try
        {
            await ProcessRunner.RunAsync(StopCommand(), _rootDirectory, CommandTimeout, CancellationToken.None);
        }
        finally
        {
            Directory.Delete(_rootDirectory, recursive: true);
        }
    }

    private async Task StartServerAsync(CancellationToken cancellationToken)
    {
        var socketDirectory = Path.Combine(_rootDirectory, "sock");
        var serverOptions = string.Join(
            ' ',
            "-c listen_addresses=127.0.0.1",
            $"-p {Port}",
            $"-k '{socketDirectory}'",
            "-c max_connections=200",
            // Test server only: a crash may lose or corrupt data, which a throwaway cluster does not mind.
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off");
        var logFile = Path.Combine(_rootDirectory, $"server-{Port}.log");
        try
        {
            await ProcessRunner.RunAsync(
                AsServerUser(
                    _runAsPostgresUser,
                    _binaries.PgCtl,
                    "start",
                    "--pgdata", _dataDirectory,
                    "--wait",
                    "--timeout", "60",
                    "--log", logFile,
                    "-o", serverOptions),
                _rootDirectory,
                CommandTimeout,
                cancellationToken);
        }
        catch (InvalidOperationException exception) when (File.Exists(logFile))
        {
            throw new InvalidOperationException(
                $"{exception.Message}{Environment.NewLine}Server log:{Environment.NewLine}{await File.ReadAllTextAsync(logFile, cancellationToken)}",
                exception);
        }

        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    private async Task WaitUntilAcceptingAsync(CancellationToken cancellationToken)
    {
        // pg_ctl --wait already waited for the postmaster; this proves a client gets through on TCP.
        await using var command = _admin.CreateCommand("SELECT 1");
        await command.ExecuteScalarAsync(cancellationToken);
    }

    private IReadOnlyList<string> StopCommand() =>
        AsServerUser(_runAsPostgresUser, _binaries.PgCtl, "stop", "--pgdata", _dataDirectory, "--mode", "fast", "--wait");

    /// <summary>Best effort, so that a test run that ends without disposing leaves no server behind.</summary>
    private void OnProcessExit(object? sender, EventArgs e)
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            ProcessRunner.RunAsync(StopCommand(), _rootDirectory, TimeSpan.FromSeconds(10), CancellationToken.None)
                .ContinueWith(static _ => { }, TaskScheduler.Default)
                .Wait();
        }
    }

    private static List<string> AsServerUser(bool runAsPostgresUser, string program, params string[] arguments) =>
        runAsPostgresUser
            ? ["runuser", "-u", SuperUser, "--", program, .. arguments]
            : [program, .. arguments];

    private static int FindFreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_]{0,62}\z")]
    private static partial Regex DatabaseName();
}
