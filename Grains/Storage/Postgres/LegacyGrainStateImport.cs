using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Storage;

namespace Grains.Storage.Postgres;

/// <summary>
/// Moves grain state written before the move onto Orleans (table <c>grain_state</c>, one row per
/// "grainType.stateName" and key) into Orleans' ADO.NET storage, through Orleans' own provider, once:
/// the first silo to start after the upgrade imports every row and drops the table, under an advisory
/// lock, before it joins the cluster. A row Orleans already holds is left as it is.
/// </summary>
internal sealed partial class LegacyGrainStateImport(IServiceProvider services, ILogger<LegacyGrainStateImport> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>The advisory lock id of the import: "Msg" in ASCII, then 2.</summary>
    private const long LockId = 0x004D_7367_0000_0002;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(LegacyGrainStateImport), ServiceLifecycleStage.ApplicationServices + 1, ImportAsync);

    private async Task ImportAsync(CancellationToken cancellationToken)
    {
        var dataSource = PostgresStorageServiceCollectionExtensions.DataSourceOf(services);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock($1)", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<long> { TypedValue = LockId });
            await lockCommand.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (var exists = new NpgsqlCommand("SELECT to_regclass('grain_state') IS NOT NULL", connection, transaction))
        {
            if (!(bool)(await exists.ExecuteScalarAsync(cancellationToken))!)
            {
                return;
            }
        }

        var rows = new List<(string Type, string Key, byte[] Payload)>();
        await using (var read = new NpgsqlCommand("SELECT grain_type, grain_key, payload FROM grain_state WHERE payload IS NOT NULL", connection, transaction))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2)));
            }
        }

        var storage = services.GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var imported = 0;
        foreach (var (type, key, payload) in rows)
        {
            imported += await ImportRowAsync(storage, type, key, payload) ? 1 : 0;
        }

        await using (var drop = new NpgsqlCommand("DROP TABLE grain_state", connection, transaction))
        {
            await drop.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        LogImported(logger, imported, rows.Count);
    }

    private static Task<bool> ImportRowAsync(IGrainStorage storage, string type, string key, byte[] payload) =>
        type switch
        {
            "user.user" => WriteAsync(storage, "user", GuidGrain("user", key), payload, GrainsStateJsonContext.Default.UserState),
            "conversation.conversation" => WriteAsync(storage, "conversation", GuidGrain("conversation", key), payload, GrainsStateJsonContext.Default.ConversationState),
            "username.reservation" => WriteAsync(storage, "reservation", GrainId.Create("username", key), payload, GrainsStateJsonContext.Default.NameReservationState),
            "email.reservation" => WriteAsync(storage, "reservation", GrainId.Create("email", key), payload, GrainsStateJsonContext.Default.NameReservationState),
            _ => Task.FromResult(false),
        };

    private static GrainId GuidGrain(string type, string key) =>
        GrainId.Create(GrainType.Create(type), GrainIdKeyExtensions.CreateGuidKey(Guid.Parse(key)));

    private static async Task<bool> WriteAsync<TState>(
        IGrainStorage storage, string stateName, GrainId grainId, byte[] payload, System.Text.Json.Serialization.Metadata.JsonTypeInfo<TState> typeInfo)
    {
        var state = new GrainState<TState>(JsonSerializer.Deserialize(payload, typeInfo)!);
        try
        {
            await storage.WriteStateAsync(stateName, grainId, state);
            return true;
        }
        catch (InconsistentStateException)
        {
            // Orleans' storage already holds this grain: what it holds is newer.
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Imported {Imported} of {Rows} grain states written before the move onto Orleans into Orleans' storage")]
    private static partial void LogImported(ILogger logger, int imported, int rows);
}
