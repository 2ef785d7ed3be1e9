using Actors.Membership;
using Actors.Storage;
using Actors.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>Registers SQLite as the store of grain state, journals and membership.</summary>
public static class SqliteStorageServiceCollectionExtensions
{
    /// <summary>
    /// Stores grain state, journals and the membership table in the SQLite file named by
    /// <paramref name="connectionString"/> (its directory is created when missing).
    /// </summary>
    public static IServiceCollection AddSqliteActorStorage(this IServiceCollection services, string connectionString) =>
        services.AddSqliteActorStorage(connectionString, static _ => { });

    /// <summary>As <see cref="AddSqliteActorStorage(IServiceCollection, string)"/>, with further options.</summary>
    public static IServiceCollection AddSqliteActorStorage(
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
        services.AddSingleton<IJournalStore>(sp => new SqliteJournalStore(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IMembershipTable>(sp => new SqliteMembershipTable(sp.GetRequiredService<SqliteConnectionFactory>()));
        services.AddSingleton<IStorageSchema>(sp => new SqliteStorageSchema(
            sp.GetRequiredService<SqliteConnectionFactory>(),
            StorageServices.TimeProviderOf(sp),
            StorageServices.LoggerOf<SqliteStorageSchema>(sp)));
        return services;
    }
}
