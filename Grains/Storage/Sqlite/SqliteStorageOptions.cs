namespace Grains.Storage.Sqlite;

/// <summary>Options of the SQLite storage provider (grain state and journals in one file).</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>A Microsoft.Data.Sqlite connection string naming the database file, e.g. <c>Data Source=data/messaging.db</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>Durability of commits; <see cref="SqliteSynchronousMode.Full"/> unless chosen otherwise.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>
    /// How long a command waits for another connection's write lock before it fails. Several silos and
    /// connections share one file, so writers queue rather than fail with SQLITE_BUSY.
    /// </summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The most writes (journal appends, grain state) that one transaction commits together. Writes that
    /// arrive while a commit is under way wait for the next one and go to disk together; 1 commits each
    /// write on its own. Per database file and process: the first provider to open the file sets it.
    /// </summary>
    public int MaxWritesPerCommit { get; set; } = 128;
}
