namespace Grains.Bench.Infrastructure;

/// <summary>Where a benchmark cluster keeps grain state and journals.</summary>
public enum BenchStorage
{
    /// <summary>A SQLite file with the provider's default <c>synchronous = FULL</c>: one fsync per commit.</summary>
    Sqlite,

    /// <summary>
    /// SQLite with <c>synchronous = NORMAL</c> (WAL synced at checkpoints only): no fsync per commit, so
    /// it compares with the PostgreSQL test server, which does not fsync either.
    /// </summary>
    SqliteNormal,

    /// <summary>
    /// A throwaway local PostgreSQL server (tests/Shared's <c>PostgresServer</c>) over loopback TCP, grain
    /// state through Orleans' ADO.NET storage; it runs with <c>fsync = off</c>, so this measures round
    /// trips and SQL, not durability.
    /// </summary>
    Postgres,

    /// <summary>
    /// Grain state through Orleans' own ADO.NET grain storage on SQLite (invariant <c>System.Data.SQLite</c>,
    /// the bench's script <c>OrleansSqliteStorage.sql</c>) in the same file, <c>synchronous = FULL</c>;
    /// journals and the default storage as <see cref="Sqlite"/>. Only the state-write benchmarks run it.
    /// </summary>
    SqliteAdoNet,
}
