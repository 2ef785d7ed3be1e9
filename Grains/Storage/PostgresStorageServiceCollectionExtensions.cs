using Grains.Admin;
using Grains.Journal;
using Grains.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Grains.Storage;

/// <summary>Registers PostgreSQL for a cluster: Orleans' ADO.NET grain storage and the project's journals.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>The ADO.NET invariant name of Npgsql, as Orleans' ADO.NET providers know it.</summary>
    public const string Invariant = "Npgsql";

    /// <summary>
    /// The service key of the journal's own <see cref="NpgsqlDataSource"/> (a keyed singleton, so that an
    /// application's data source, if it has one, is left alone).
    /// </summary>
    public const string DataSourceKey = "Grains.Storage";

    /// <summary>
    /// Stores grain state through Orleans' ADO.NET provider (Microsoft.Orleans.Persistence.AdoNet, as the
    /// default grain storage) and journals through the project's provider, both in the PostgreSQL database
    /// named by <paramref name="connectionString"/>, whose schema the silo applies at start-up.
    /// </summary>
    public static ISiloBuilder AddPostgresMessagingStorage(this ISiloBuilder silo, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        silo.AddAdoNetGrainStorageAsDefault(options =>
        {
            options.Invariant = Invariant;
            options.ConnectionString = connectionString;
            options.GrainStorageSerializer = GrainStateSerialization.Create();
        });
        silo.Services.AddPostgresJournalStorage(connectionString, static _ => { });
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, LegacyGrainStateImport>();
        return silo;
    }

    /// <summary>The journals and the schema runner alone, on PostgreSQL.</summary>
    public static IServiceCollection AddPostgresJournalStorage(
        this IServiceCollection services,
        string connectionString,
        Action<PostgresStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<PostgresStorageOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PostgresStorageOptions>, PostgresStorageOptionsValidator>());

        services.AddKeyedSingleton(DataSourceKey, static (sp, _) => BuildDataSource(sp.GetRequiredService<IOptions<PostgresStorageOptions>>().Value));
        services.AddSingleton<IJournalStore>(sp => JournalStore(sp, PostgresJournalStore.Statements.Journal));
        services.AddKeyedSingleton<IJournalStore>(GrainJournals.EventLogKey, (sp, _) => JournalStore(sp, PostgresJournalStore.Statements.EventLog));
        services.AddSingleton<IAuditStore>(sp => new PostgresAuditStore(DataSourceOf(sp)));
        services.AddSingleton<IUserDirectoryStore>(sp => new PostgresUserDirectoryStore(DataSourceOf(sp)));
        services.AddSingleton<IStorageSchema>(sp => new PostgresStorageSchema(
            DataSourceOf(sp),
            StorageServices.TimeProviderOf(sp),
            StorageServices.LoggerOf<PostgresStorageSchema>(sp)));
        return services.AddMessagingStorageCommon();
    }

    private static PostgresJournalStore JournalStore(IServiceProvider services, PostgresJournalStore.Statements table)
    {
        var options = services.GetRequiredService<IOptions<PostgresStorageOptions>>().Value;
        return new PostgresJournalStore(DataSourceOf(services), options.MaxAppendsPerCommit, options.MaxConcurrentCommits, table);
    }

    internal static NpgsqlDataSource DataSourceOf(IServiceProvider services) =>
        services.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);

    private static NpgsqlDataSource BuildDataSource(PostgresStorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = options.MaxAutoPrepare;
        }

        // The journal leaves no session state behind (no SET, no temporary tables, only transaction-scoped
        // advisory locks), so a connection going back to the pool needs no reset round trip.
        builder.ConnectionStringBuilder.NoResetOnClose = true;

        return builder.Build();
    }
}
