using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>PostgreSQL errors the providers act on.</summary>
internal static class PostgresErrors
{
    /// <summary>True when a statement broke a primary key or unique index (SQLSTATE 23505): the key is already taken.</summary>
    public static bool IsUniqueViolation(PostgresException exception) =>
        exception.SqlState == PostgresErrorCodes.UniqueViolation;
}
