using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>SQLite result codes the providers act on.</summary>
internal static class SqliteErrors
{
    private const int Constraint = 19;
    private const int ConstraintPrimaryKey = 1555;
    private const int ConstraintUnique = 2067;

    /// <summary>True when a statement broke a primary key or unique index: the key is already taken.</summary>
    public static bool IsUniqueViolation(SqliteException exception) =>
        exception.SqliteErrorCode == Constraint
        && exception.SqliteExtendedErrorCode is ConstraintPrimaryKey or ConstraintUnique;
}
