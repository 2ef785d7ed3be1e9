using Grains.Admin;
using Grains.Journal;
using Grains.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Providers;
using Orleans.Runtime.Hosting;
using Orleans.Storage;

namespace Grains.Storage;

/// <summary>Registers the SQLite file of the embedded default: grain state (Orleans' default grain storage) and journals.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores grain state and journals in the SQLite file named by <paramref name="connectionString"/>
    /// (its directory is created when missing). Grain state goes through the project's own
    /// <see cref="IGrainStorage"/> on the SQLite write path the journal uses (see README: Orleans'
    /// ADO.NET provider writes SQLite synchronously on the scheduler's threads).
    /// </summary>
    public static IServiceCollection AddSqliteMessagingStorage(this IServiceCollection services, string connectionString) =>
        services.AddSqliteMessagingStorage(connectionString, static _ => { });

    /// <summary>As <see cref="AddSqliteMessagingStorage(IServiceCollection, string)"/>, with further options.</summary>
    public static IServiceCollection AddSqliteMessagingStorage(
        this IServiceCollection services,
        string connectionString,
        Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<SqliteStorageOptions>()
            .Configure(options =>
            {
                options.ConnectionString = connectionString;
                configure(options);
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());

        services.AddSingleton(sp => new SqliteConnectionFactory(sp.GetRequiredService<IOptions<SqliteStorageOptions>>()));
        services.AddSingleton<IGrainStateStore>(sp => new SqliteGrainStateStore(sp.GetRequiredService<SqliteConnectionFactory>(), StorageServices.TimeProviderOf(sp)));
        services.AddSingleton<IJournalStore>(
            sp => new SqliteJournalStore(sp.GetRequiredService<SqliteConnectionFactory>(), SqliteJournalStore.Statements.Journal));
        services.AddKeyedSingleton<IJournalStore>(
            GrainJournals.EventLogKey,
            (sp, _) => new SqliteJournalStore(sp.GetRequiredService<SqliteConnectionFactory>(), SqliteJournalStore.Statements.EventLog));
        services.AddSingleton<IAuditStore>(sp => new SqliteAuditStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IUserDirectoryStore>(sp => new SqliteUserDirectoryStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IStorageSchema>(sp => new SqliteStorageSchema(
            sp.GetRequiredService<SqliteConnectionFactory>(),
            StorageServices.TimeProviderOf(sp),
            StorageServices.LoggerOf<SqliteStorageSchema>(sp)));
        services.AddGrainStorage(
            ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME,
            static (sp, _) => new StateStoreGrainStorage(sp.GetRequiredService<IGrainStateStore>(), GrainStateSerialization.Create()));
        return services.AddMessagingStorageCommon();
    }
}
