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
    /// The most journal appends that one statement (one transaction) commits together. Appends that
    /// arrive while a commit is under way wait for the next one; 1 commits each append on its own.
    /// </summary>
    public int MaxAppendsPerCommit { get; set; } = 128;

    /// <summary>
    /// How many such inserts may be under way at once, per table and silo. PostgreSQL commits concurrent
    /// transactions with one log flush, so a second insert need not wait for the first one's round trip.
    /// A grain never has two appends under way, so each grain's appends stay in order.
    /// </summary>
    public int MaxConcurrentCommits { get; set; } = 4;
}
