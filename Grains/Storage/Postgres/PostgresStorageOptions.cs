namespace Grains.Storage.Postgres;

/// <summary>Options of the PostgreSQL storage provider (the journals, beside Orleans' grain state and membership tables).</summary>
public sealed class PostgresStorageOptions
{
    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=messaging;Username=app;Password=...</c>.</summary>
    public string ConnectionString { get; set; } = string.Empty;

    /// <summary>
    /// How many statements each pooled connection keeps prepared, picked automatically among the most
    /// used. Applies when the connection string does not set <c>Max Auto Prepare</c> itself; 0 turns it off.
    /// </summary>
    public int MaxAutoPrepare { get; set; } = 32;

    /// <summary>
    /// The most journal appends that one multi-row insert (one transaction) commits together. Appends that
    /// arrive while a commit is under way wait for the next one; 1 commits each append on its own.
    /// </summary>
    public int MaxAppendsPerCommit { get; set; } = 128;
}
