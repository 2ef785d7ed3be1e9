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
    /// The write-ahead log's size, in pages, at which a commit on a connection other than the writer's copies
    /// the log into the database file (SQLite's auto-checkpoint; its default is 1,000): the schema's setup, and
    /// any write that does not go through the writer. The writer's own commits leave checkpoints to
    /// <see cref="SqliteCheckpointer"/>, on a thread of its own, so that no write waits for one.
    /// </summary>
    internal const int AutoCheckpointPages = 20_000;

    private readonly SqliteGroupCommit _writer;
    private readonly ConditionalWeakTable<sqlite3, object> _initializedHandles = [];
    private readonly string _connectionString;
    private readonly string _writerConnectionString;
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

        // The writer's own connection, never pooled: the writer sets its synchronous pragma itself.
        _writerConnectionString = new SqliteConnectionStringBuilder(_connectionString) { Pooling = false }.ToString();
        CreateDirectoryOf(builder.DataSource);
        _writer = Writers.GetOrAdd(
            WriterKey(builder.DataSource),
            _ => new SqliteGroupCommit(OpenWriter, value.MaxWritesPerCommit, syncEachCommit: value.Synchronous == SqliteSynchronousMode.Full));

        var synchronous = value.Synchronous == SqliteSynchronousMode.Normal ? "NORMAL" : "FULL";
        var busyTimeout = ((long)value.BusyTimeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture);
        _initializeSql = $"PRAGMA busy_timeout = {busyTimeout}; PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; "
            + $"PRAGMA wal_autocheckpoint = {AutoCheckpointPages};";
    }

    /// <summary>
    /// A pooled connection, its pragmas set. It opens synchronously, as every call into SQLite runs:
    /// Microsoft.Data.Sqlite's async methods run synchronously too.
    /// </summary>
    public Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Open(_connectionString));
    }

    /// <summary>Transactions committed by this database file's writer in this process.</summary>
    internal long Commits => _writer.Commits;

    /// <summary>
    /// Runs a write (synchronous commands on the connection it is given) in the next group commit of this
    /// database file (<see cref="SqliteGroupCommit"/>), and completes once it is durable.
    /// </summary>
    public Task<T> WriteAsync<T>(Func<SqliteConnection, T> write, CancellationToken cancellationToken) =>
        _writer.WriteAsync(write, cancellationToken);

    /// <summary>
    /// Closes the writer's connection and the pooled ones, which checkpoints the write-ahead log into the
    /// database file. The writer opens a connection again if another provider on the same file writes.
    /// </summary>
    public void Dispose()
    {
        _writer.CloseConnection();
        using var connection = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(connection);
    }

    /// <summary>A connection of the writer's own (<see cref="SqliteGroupCommit"/>), not pooled, its pragmas set.</summary>
    private SqliteConnection OpenWriter() => Open(_writerConnectionString);

    private SqliteConnection Open(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            var handle = connection.Handle
                ?? throw new InvalidOperationException("An open SQLite connection has no database handle.");
            if (!_initializedHandles.TryGetValue(handle, out _))
            {
                using var command = connection.CreateCommand();
                command.CommandText = _initializeSql;
                command.ExecuteNonQuery();
                _initializedHandles.AddOrUpdate(handle, Initialized);
            }

            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
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
