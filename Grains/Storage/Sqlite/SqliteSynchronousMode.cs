namespace Grains.Storage.Sqlite;

/// <summary>How SQLite syncs its write-ahead log to disk (the <c>synchronous</c> pragma).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>Every commit is synced: an acknowledged write survives a power loss. The default.</summary>
    Full = 0,

    /// <summary>
    /// Syncs at checkpoints only: faster, still consistent, but the last commits before a power loss
    /// (not a process crash) may be lost.
    /// </summary>
    Normal = 1,
}
