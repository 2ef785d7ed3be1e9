using Actors.Hosting;
using Grains;

namespace Gateway.Api.Hosting;

internal static class MessagingBackendExtensions
{
    /// <summary>
    /// Makes <see cref="Actors.IGrainFactory"/> available. Embedded mode (the default) co-hosts a silo with
    /// the messaging grains in this process, over SQLite under the data directory unless configured otherwise.
    /// </summary>
    public static WebApplicationBuilder AddMessagingBackend(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        if (!string.Equals(options.Mode, MessagingOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidOperationException(
                $"Messaging:Mode '{options.Mode}' is not supported; only '{MessagingOptions.EmbeddedMode}' is available in this version.");
        }

        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        AddStorage(builder.Services, options);
        builder.AddSilo();
        builder.Services.AddMessagingGrains();
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
