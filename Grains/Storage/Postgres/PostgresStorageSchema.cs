using Microsoft.Extensions.Logging;
using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>
/// Applies the embedded PostgreSQL scripts not yet recorded in <c>schema_version</c>, in one transaction
/// that first takes a transaction-scoped advisory lock: silos starting at once queue on the lock, and
/// the first one applies what the others then find done.
/// </summary>
internal sealed class PostgresStorageSchema(NpgsqlDataSource dataSource, TimeProvider timeProvider, ILogger<PostgresStorageSchema> logger)
    : IStorageSchema
{
    private const string Provider = "PostgreSQL";

    /// <summary>The advisory lock id of schema migrations: a fixed constant that every version of the silo uses.</summary>
    private const long MigrationLockId = 0x4163_746F_7273_0001;

    private const string LockSql = "SELECT pg_advisory_xact_lock($1)";

    private const string CreateVersionTableSql =
        "CREATE TABLE IF NOT EXISTS schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL)";

    private const string CurrentVersionSql = "SELECT COALESCE(MAX(version), 0) FROM schema_version";

    private const string RecordVersionSql = "INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, $3)";

    private static readonly Lazy<IReadOnlyList<SchemaScript>> Scripts =
        new(() => SchemaScript.LoadEmbedded("Grains.Storage.Postgres.Scripts."));

    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);

        await using (var lockCommand = new NpgsqlCommand(LockSql, connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = MigrationLockId });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await ExecuteAsync(connection, transaction, CreateVersionTableSql, cancellationToken);

        int version;
        await using (var current = new NpgsqlCommand(CurrentVersionSql, connection, transaction))
        {
            version = (int)(await current.ExecuteScalarAsync(cancellationToken))!;
        }

        foreach (var script in Scripts.Value)
        {
            if (script.Version <= version)
            {
                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await using var record = new NpgsqlCommand(RecordVersionSql, connection, transaction);
            record.Parameters.Add(new NpgsqlParameter<int> { TypedValue = script.Version });
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = script.Name });
            record.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(timeProvider.GetUtcNow()) });
            await record.ExecuteNonQueryAsync(cancellationToken);
            version = script.Version;
            StorageLog.SchemaScriptApplied(logger, Provider, script.Version, script.Name);
        }

        await transaction.CommitAsync(cancellationToken);
        StorageLog.SchemaUpToDate(logger, Provider, version);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
