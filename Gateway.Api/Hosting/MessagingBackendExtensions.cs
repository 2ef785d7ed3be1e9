using Grains.Hosting;

namespace Gateway.Api.Hosting;

internal static class MessagingBackendExtensions
{
    /// <summary>
    /// Makes Orleans' <see cref="IGrainFactory"/> available. Embedded mode (the default) co-hosts an Orleans
    /// silo with the messaging grains in this process, over SQLite under the data directory unless configured
    /// otherwise; grain calls from the endpoints are local. Cluster mode makes this gateway an Orleans client
    /// of the silos registered in the PostgreSQL membership table; it hosts no grains.
    /// </summary>
    public static WebApplicationBuilder AddMessagingBackend(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(MessagingOptions.SectionName).Get<MessagingOptions>() ?? new MessagingOptions();
        builder.Services.AddOptions<MessagingOptions>().BindConfiguration(MessagingOptions.SectionName);
        if (string.Equals(options.Mode, MessagingOptions.EmbeddedMode, StringComparison.OrdinalIgnoreCase))
        {
            var storage = new MessagingStorageSettings(
                options.Storage,
                options.ConnectionString ?? (MessagingStorageSettings.IsSqliteProvider(options.Storage)
                    ? $"Data Source={Path.Combine(options.FullDataDirectory, "messaging.db")}"
                    : throw MissingConnectionString()));
            builder.UseOrleans(silo => silo.AddMessagingSilo(builder.Configuration, storage, openGateway: false));
        }
        else if (string.Equals(options.Mode, MessagingOptions.ClusterMode, StringComparison.OrdinalIgnoreCase))
        {
            var connectionString = options.ConnectionString ?? throw MissingConnectionString();
            builder.UseOrleansClient(client => client.AddMessagingClient(builder.Configuration, connectionString));
        }
        else
        {
            throw new InvalidOperationException(
                $"Messaging:Mode '{options.Mode}' is not supported; use '{MessagingOptions.EmbeddedMode}' or '{MessagingOptions.ClusterMode}'.");
        }

        return builder;
    }

    private static InvalidOperationException MissingConnectionString() =>
        new("Messaging:Storage 'postgres' and Messaging:Mode 'cluster' need Messaging:ConnectionString (environment variable Messaging__ConnectionString).");
}
