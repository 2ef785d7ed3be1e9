using Actors.Hosting;
using Grains;
using Grains.Interfaces;

namespace Gateway.Api.Hosting;

internal static class MessagingBackendExtensions
{
    /// <summary>
    /// Makes <see cref="Actors.IGrainFactory"/> available. Embedded mode (the default) co-hosts a silo with
    /// the messaging grains in this process, over SQLite under the data directory unless configured otherwise.
    /// Cluster mode makes this gateway a client of the silos registered in the configured database: it
    /// hosts no grains and routes each call to the silo that owns the grain.
    /// </summary>
    public static WebApplicationBuilder AddMessagingBackend(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        if (string.Equals(options.Mode, MessagingOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            AddStorage(builder.Services, options);
            builder.AddSilo();
            builder.Services.AddMessagingGrains();
        }
        else if (string.Equals(options.Mode, MessagingOptions.ClusterMode, StringComparison.OrdinalIgnoreCase))
        {
            AddStorage(builder.Services, options);
            builder.AddClusterClient();
            builder.Services.AddGrainSerializer(GrainsJsonContext.Default);
        }
        else
        {
            throw new InvalidOperationException(
                $"Messaging:Mode '{options.Mode}' is not supported; use '{MessagingOptions.EmbeddedMode}' or '{MessagingOptions.ClusterMode}'.");
        }

        return builder;
    }

    private static void AddStorage(IServiceCollection services, MessagingOptions options)
    {
        if (string.Equals(options.Storage, MessagingOptions.SqliteStorage, StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqliteActorStorage(
                options.ConnectionString ?? $"Data Source={Path.Combine(options.FullDataDirectory, "messaging.db")}");
        }
        else if (string.Equals(options.Storage, MessagingOptions.PostgresStorage, StringComparison.OrdinalIgnoreCase))
        {
            services.AddPostgresActorStorage(options.ConnectionString
                ?? throw new InvalidOperationException("Messaging:Storage 'postgres' needs Messaging:ConnectionString (environment variable Messaging__ConnectionString)."));
        }
        else
        {
            throw new InvalidOperationException(
                $"Messaging:Storage '{options.Storage}' is not supported; use '{MessagingOptions.SqliteStorage}' or '{MessagingOptions.PostgresStorage}'.");
        }
    }
}
