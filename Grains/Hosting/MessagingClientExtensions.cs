using Grains.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Grains.Hosting;

/// <summary>Configures an Orleans client of the messaging silos (the gateway in cluster mode).</summary>
public static class MessagingClientExtensions
{
    /// <summary>Finds the silos' gateway endpoints in the PostgreSQL membership table (ADO.NET clustering).</summary>
    public static IClientBuilder AddMessagingClient(this IClientBuilder client, IConfiguration configuration, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ClusterTuning.ConfigureClusterIds(client.Services, configuration);
        client.UseAdoNetClustering(options =>
        {
            options.Invariant = PostgresStorageServiceCollectionExtensions.Invariant;
            options.ConnectionString = connectionString;
        });
        ClusterTuning.ConfigureClient(client.Services, configuration);
        client.Services.TryAddSingleton<GrainReferences>();
        TransportSecurity.ConfigureClient(client, configuration);
        return client;
    }
}
