using System.Net;
using Grains.Events;
using Grains.Storage;
using Grains.Storage.Postgres;
using Grains.Storage.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Grains.Hosting;

/// <summary>Configures an Orleans silo that hosts the messaging grains: endpoints, clustering, storage, options.</summary>
public static class MessagingSiloExtensions
{
    /// <summary>The cluster and service id unless "Orleans:ClusterId" / "Orleans:ServiceId" say otherwise.</summary>
    public const string DefaultClusterId = "messaging";

    /// <summary>
    /// PostgreSQL: ADO.NET clustering (membership in the database), Orleans' ADO.NET grain storage and the
    /// project's journals. SQLite: one silo on this machine (localhost clustering), grain state and journals
    /// in the file. <paramref name="openGateway"/> opens the client endpoint (a separate Silo process);
    /// a silo co-hosted in the gateway needs none.
    /// </summary>
    public static ISiloBuilder AddMessagingSilo(
        this ISiloBuilder silo, IConfiguration configuration, MessagingStorageSettings storage, bool openGateway)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(storage);
        storage.Validate();

        var endpoints = configuration.GetSection(SiloEndpointSettings.SectionName).Get<SiloEndpointSettings>() ?? new SiloEndpointSettings();
        var listen = IPAddress.Parse(endpoints.ListenAddress);
        var advertised = endpoints.AdvertisedAddress is { Length: > 0 } address ? AddressOf(address) : listen;
        if (advertised.Equals(IPAddress.Any) || advertised.Equals(IPAddress.IPv6Any))
        {
            throw new InvalidOperationException("Set Silo:AdvertisedAddress to an address other members can reach when Silo:ListenAddress is a wildcard.");
        }

        var siloPort = endpoints.Port == 0 ? FreePort.On(listen) : endpoints.Port;
        var gatewayPort = !openGateway ? 0 : endpoints.GatewayPort == 0 ? FreePort.On(listen) : endpoints.GatewayPort;

        ClusterTuning.ConfigureClusterIds(silo.Services, configuration);
        if (storage.IsPostgres)
        {
            silo.UseAdoNetClustering(options =>
            {
                options.Invariant = PostgresStorageServiceCollectionExtensions.Invariant;
                options.ConnectionString = storage.ConnectionString;
            });
            silo.AddPostgresMessagingStorage(storage.ConnectionString);
            silo.Services.AddOptions<PostgresStorageOptions>().Bind(configuration.GetSection("Messaging:Postgres"));
        }
        else
        {
            silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: DefaultClusterId, clusterId: DefaultClusterId);
            silo.Services.AddSqliteMessagingStorage(storage.ConnectionString);
            silo.Services.AddOptions<SqliteStorageOptions>().Bind(configuration.GetSection("Messaging:Sqlite"));
        }

        silo.Configure<EndpointOptions>(options =>
        {
            options.AdvertisedIPAddress = advertised;
            options.SiloPort = siloPort;
            options.GatewayPort = gatewayPort;
            options.SiloListeningEndpoint = new IPEndPoint(listen, siloPort);
            options.GatewayListeningEndpoint = gatewayPort == 0 ? null : new IPEndPoint(listen, gatewayPort);
        });
        if (endpoints.Name is { Length: > 0 } name)
        {
            silo.Configure<SiloOptions>(options => options.SiloName = name);
        }

        silo.Configure<GrainCollectionOptions>(options => options.CollectionAge = endpoints.IdleCollectionAge);
        ClusterTuning.ConfigureSilo(silo.Services, configuration);
        TransportSecurity.ConfigureSilo(silo, configuration);
        silo.Services.AddMessagingGrains();
        silo.Services.AddOptions<UserEventLogOptions>().Bind(configuration.GetSection(UserEventLogOptions.SectionName));
        silo.Services.AddOptions<UserGrainOptions>().Bind(configuration.GetSection(UserGrainOptions.SectionName)).ValidateOnStart();
        return silo;
    }

    /// <summary>
    /// An IP address as given, or a host name resolved once, now (an IPv4 address first): Orleans advertises
    /// an address, and a compose service or pod name resolves to the container's own address.
    /// </summary>
    private static IPAddress AddressOf(string addressOrHost) =>
        IPAddress.TryParse(addressOrHost, out var address)
            ? address
            : Dns.GetHostAddresses(addressOrHost).OrderBy(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 0 : 1).FirstOrDefault()
                ?? throw new InvalidOperationException($"Silo:AdvertisedAddress '{addressOrHost}' does not resolve to an address.");
}
