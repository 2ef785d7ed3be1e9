using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cluster.Tests;

/// <summary>
/// A PostgreSQL database as the project's former runtime left it: schema version 1 (grain_state, journal,
/// silos) holding the rows of the upgrade fixture, which that runtime wrote (to SQLite, in the same row
/// format: "grainType.stateName" and key, JSON payloads; journal rows keyed by stream and seq).
/// </summary>
internal static class LegacyPostgresDatabase
{
    public static string FixtureDirectory { get; } =
        Path.Combine(RepositoryPaths.Root, "tests", "Gateway.Tests", "Fixtures", "upgrade-from-own-runtime");

    public static async Task CreateAsync(string connectionString)
    {
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        var schema = await File.ReadAllTextAsync(Path.Combine(RepositoryPaths.Root, "Grains", "Storage", "Postgres", "Scripts", "001_initial.sql"));
        await using (var create = dataSource.CreateCommand(schema))
        {
            await create.ExecuteNonQueryAsync();
        }

        await using (var version = dataSource.CreateCommand(
            "CREATE TABLE schema_version (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL); "
            + "INSERT INTO schema_version VALUES (1, '001_initial', now())"))
        {
            await version.ExecuteNonQueryAsync();
        }

        await using var sqlite = new SqliteConnection($"Data Source={Path.Combine(FixtureDirectory, "messaging.db")};Mode=ReadOnly");
        await sqlite.OpenAsync();
        await CopyGrainStateAsync(sqlite, dataSource);
        await CopyJournalAsync(sqlite, dataSource);
    }

    private static async Task CopyGrainStateAsync(SqliteConnection sqlite, NpgsqlDataSource target)
    {
        await using var read = sqlite.CreateCommand();
        read.CommandText = "SELECT grain_type, grain_key, version, payload, updated_at_ms FROM grain_state";
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            await using var insert = target.CreateCommand(
                "INSERT INTO grain_state (grain_type, grain_key, version, payload, updated_at) VALUES ($1, $2, $3, $4, $5)");
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetString(0) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetString(1) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetInt64(2) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.IsDBNull(3) ? DBNull.Value : rows.GetFieldValue<byte[]>(3) });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(4)) });
            await insert.ExecuteNonQueryAsync();
        }
    }

    private static async Task CopyJournalAsync(SqliteConnection sqlite, NpgsqlDataSource target)
    {
        await using var read = sqlite.CreateCommand();
        read.CommandText = "SELECT stream, seq, entry_id, created_at_ms, author, dedup_key, deleted, payload FROM journal";
        await using var rows = await read.ExecuteReaderAsync();
        while (await rows.ReadAsync())
        {
            await using var insert = target.CreateCommand(
                "INSERT INTO journal (stream, seq, entry_id, created_at, author, dedup_key, deleted, payload) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)");
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetString(0) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetInt64(1) });
            insert.Parameters.Add(new NpgsqlParameter { Value = new Guid(rows.GetFieldValue<byte[]>(2)) });
            insert.Parameters.Add(new NpgsqlParameter { Value = DateTimeOffset.FromUnixTimeMilliseconds(rows.GetInt64(3)) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetString(4) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.IsDBNull(5) ? DBNull.Value : rows.GetString(5) });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetInt64(6) != 0 });
            insert.Parameters.Add(new NpgsqlParameter { Value = rows.GetFieldValue<byte[]>(7) });
            await insert.ExecuteNonQueryAsync();
        }
    }
}
