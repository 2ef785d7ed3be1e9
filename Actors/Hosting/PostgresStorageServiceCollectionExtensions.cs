using Actors.Membership;
using Actors.Storage;
using Actors.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Actors.Hosting;

/// <summary>Registers PostgreSQL as the store of grain state, journals and membership.</summary>
public static class PostgresStorageServiceCollectionExtensions
{
    /// <summary>
    /// The service key of the storage's own <see cref="NpgsqlDataSource"/> (a keyed singleton, so that an
    /// application's data source, if it has one, is left alone).
    /// </summary>
    public const string DataSourceKey = "Actors.Storage";

    /// <summary>Stores grain state, journals and the membership table in the PostgreSQL database named by <paramref name="connectionString"/>.</summary>
    public static IServiceCollection AddPostgresActorStorage(this IServiceCollection services, string connectionString) =>
        services.AddPostgresActorStorage(connectionString, static _ => { });

    /// <summary>As <see cref="AddPostgresActorStorage(IServiceCollection, string)"/>, with further options.</summary>
    public static IServiceCollection AddPostgresActorStorage(
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
        services.AddSingleton<IGrainStateStore>(sp => new PostgresGrainStateStore(DataSourceOf(sp), StorageServices.TimeProviderOf(sp)));
        services.AddSingleton<IJournalStore>(sp => new PostgresJournalStore(DataSourceOf(sp)));
        services.AddSingleton<IMembershipTable>(sp => new PostgresMembershipTable(DataSourceOf(sp)));
        services.AddSingleton<IStorageSchema>(sp => new PostgresStorageSchema(
            DataSourceOf(sp),
            StorageServices.TimeProviderOf(sp),
            StorageServices.LoggerOf<PostgresStorageSchema>(sp)));
        return services;
    }

    private static NpgsqlDataSource DataSourceOf(IServiceProvider services) =>
        services.GetRequiredKeyedService<NpgsqlDataSource>(DataSourceKey);

    private static NpgsqlDataSource BuildDataSource(PostgresStorageOptions options)
    {
        var builder = new NpgsqlDataSourceBuilder(options.ConnectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = options.MaxAutoPrepare;
        }

        return builder.Build();
    }
}
