using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;
using SQLitePCL;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Opens pooled connections to the database file. The pragmas that are per connection (busy timeout,
/// synchronous, auto-checkpoint size) are set once per physical connection, the first time the
/// pool hands it out, so the hot paths run one command per operation.
/// </summary>
internal sealed class SqliteConnectionFactory : IDisposable
{
    private static readonly object Initialized = new();

    // One writer per database file, shared by every provider instance in the process (a TestCluster's silos too).
    private static readonly ConcurrentDictionary<string, SqliteGroupCommit> Writers = new(StringComparer.Ordinal);

    /// <summary>
    /// The write-ahead log's size, in pages, at which the commit that reaches it copies the log into the
    /// database file (SQLite's auto-checkpoint; its default is 1,000). Every write of the process goes
    /// through one writer, so each checkpoint holds up every write queued behind it; and a send now writes
    /// a few hundred pages in each commit, which at the default meant a checkpoint every few commits. At
    /// 20,000 (80 MB of log) they are rare, and each copies a page written many times over only once.
    /// </summary>
    internal const int AutoCheckpointPages = 20_000;

    private readonly SqliteGroupCommit _writer;
    private readonly ConditionalWeakTable<sqlite3, object> _initializedHandles = [];
    private readonly string _connectionString;
    private readonly string _initializeSql;

    public SqliteConnectionFactory(IOptions<SqliteStorageOptions> options)
    {
        var value = options.Value;
        var builder = new SqliteConnectionStringBuilder(value.ConnectionString)
        {
            // Microsoft.Data.Sqlite retries busy statements itself up to the command timeout; keep it
            // at least as long as SQLite's own busy handler so that the two agree.
            DefaultTimeout = (int)Math.Ceiling(value.BusyTimeout.TotalSeconds),
        };
        _connectionString = builder.ToString();
        CreateDirectoryOf(builder.DataSource);
        _writer = Writers.GetOrAdd(WriterKey(builder.DataSource), _ => new SqliteGroupCommit(OpenAsync, value.MaxWritesPerCommit));

        var synchronous = value.Synchronous == SqliteSynchronousMode.Normal ? "NORMAL" : "FULL";
        var busyTimeout = ((long)value.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _initializeSql = $"PRAGMA busy_timeout = {busyTimeout}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; "
            + $"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};";
    }

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            var handle = connection.Handle
                ?? throw new InvalidOperationException("An open SQLite connection has no database handle.");
            if (!_initializedHandles.TryGetValue(handle, out _))
            {
                await using var command = connection.CreateCommand();
                command.CommandText = _initializeSql;
                await command.ExecuteNonQueryAsync(cancellationToken);
                _initializedHandles.AddOrUpdate(handle, Initialized);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Runs a write (synchronous commands on the connection it is given) in the next group commit of this
    /// database file (<see cref="SqliteGroupCommit"/>), and completes once it is durable.
    /// </summary>
    /// <summary>Transactions committed by this database file's writer in this process.</summary>
    internal long Commits => _writer.Commits;

    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken) =>
        _writer.WriteAsync(write, cancellationToken);

    /// <summary>Closes the pooled connections, which checkpoints the write-ahead log into the database file.</summary>
    public void Dispose()
    {
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static string WriterKey(string dataSource) =>
        dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase) || dataSource.StartsWith(':') || dataSource.Length == 0
            ? dataSource
            : Path.GetFullPath(dataSource);

    private static void CreateDirectoryOf(string dataSource)
    {
        if (dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            || dataSource.StartsWith("|DataDirectory|", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }
}
