using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Grains.Storage.Sqlite;

/// <summary>
/// Applies the embedded SQLite scripts not yet recorded in <c>schema_version</c>, inside one
/// <c>BEGIN IMMEDIATE</c> transaction: silos starting at once queue on the write lock, and the
/// first one applies what the others then find done.
/// </summary>
internal sealed class SqliteStorageSchema(SqliteConnectionFactory connections, TimeProvider timeProvider, ILogger<SqliteStorageSchema> logger)
    : IStorageSchema
{
    private const string Provider = "SQLite";

    private const string CreateVersionTableSql =
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL) STRICT";

    private const string CurrentVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    private const string RecordVersionSql = "INSERT INTO schema_version (version, name, applied_at_ms) VALUES ($version, $name, $at)";

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Scripts =
        new(() => SchemaScript.LoadEmbedded("Grains.Storage.Sqlite.Scripts."));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await connections.OpenAsync(cancellationToken);

        // BEGIN IMMEDIATE takes the write lock up front (waiting out the busy timeout), so two silos
        // never both read an old version and apply the same script.
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, CreateVersionTableSql, cancellationToken);

        await using var current = connection.CreateCommand();
        current.CommandText = CurrentVersionSql;
        var version = Convert.ToInt32(await current.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        foreach (var script in Scripts.Value)
        {
            if (script.Version <= version)
            {
                continue;
            }

            await ExecuteAsync(connection, script.Sql, cancellationToken);
            await using var record = connection.CreateCommand();
            record.CommandText = RecordVersionSql;
            record.Parameters.AddWithValue("$version", script.Version);
            record.Parameters.AddWithValue("$name", script.Name);
            record.Parameters.AddWithValue("$at", StorageTime.ToUnixMilliseconds(timeProvider.GetUtcNow()));
            await record.ExecuteNonQueryAsync(cancellationToken);
            version = script.Version;
            StorageLog.SchemaScriptApplied(logger, Provider, script.Version, script.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        StorageLog.SchemaUpToDate(logger, Provider, version);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
