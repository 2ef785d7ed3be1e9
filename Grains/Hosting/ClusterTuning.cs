using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Configuration;

namespace Grains.Hosting;

/// <summary>
/// The project's defaults for Orleans' own options, chosen so that a killed silo's grains are served
/// again within seconds (Orleans' defaults take about a minute; the hot grain methods' own response
/// timeout is in <c>Grains.Interfaces.CallTimeouts</c>), then overridden by configuration: every
/// property of Orleans' option classes can be set under "Orleans:ClusterMembership", "Orleans:SiloMessaging",
/// "Orleans:ClientMessaging" and "Orleans:Gateway" (e.g. <c>Orleans__ClusterMembership__ProbeTimeout=00:00:02</c>).
/// </summary>
public static class ClusterTuning
{
    /// <summary>The cluster and service id, "Orleans:ClusterId" / "Orleans:ServiceId", the same for silos and their clients.</summary>
    public static void ConfigureClusterIds(IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ClusterOptions>(options =>
        {
            options.ClusterId = configuration["Orleans:ClusterId"] ?? MessagingSiloExtensions.DefaultClusterId;
            options.ServiceId = configuration["Orleans:ServiceId"] ?? MessagingSiloExtensions.DefaultClusterId;
        });

    public static void ConfigureSilo(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ClusterMembershipOptions>(options =>
        {
            // Silos probe each other every second and vote a silo dead after two missed probes.
            options.ProbeTimeout = TimeSpan.FromSeconds(1);
            options.NumMissedProbesLimit = 2;
            options.NumVotesForDeathDeclaration = 1;
            options.TableRefreshTimeout = TimeSpan.FromSeconds(2);
            options.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(5);
            options.DeathVoteExpirationTimeout = TimeSpan.FromSeconds(10);
        });
        services.Configure<ClusterMembershipOptions>(configuration.GetSection("Orleans:ClusterMembership"));
        services.Configure<SiloMessagingOptions>(configuration.GetSection("Orleans:SiloMessaging"));
    }

    public static void ConfigureClient(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = TimeSpan.FromSeconds(1));
        services.Configure<ClientMessagingOptions>(configuration.GetSection("Orleans:ClientMessaging"));
        services.Configure<GatewayOptions>(configuration.GetSection("Orleans:Gateway"));
    }
}
