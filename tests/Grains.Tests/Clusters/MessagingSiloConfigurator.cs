using Grains.Events;
using Grains.Hosting;
using Grains.Storage;
using Grains.Tests.Runtime;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Runtime.Hosting;
using Orleans.TestingHost;

namespace Grains.Tests.Clusters;

/// <summary>
/// Configures each silo of a test cluster as <see cref="MessagingSiloExtensions.AddMessagingSilo"/> does,
/// except for clustering and endpoints, which stay the TestCluster's: the storage provider named in the
/// cluster's configuration, the grains' services and the deployed Orleans tuning, plus test options that
/// make hashing cheap and lockouts and reservation reclaims short enough to wait out.
/// </summary>
public sealed class MessagingSiloConfigurator : ISiloConfigurator
{
    public void Configure(ISiloBuilder siloBuilder)
    {
        var settings = ClusterSettings.From(siloBuilder.Configuration);
        var storage = settings.Storage;
        if (storage.IsPostgres)
        {
            siloBuilder.AddPostgresMessagingStorage(storage.ConnectionString);
            siloBuilder.AddAdoNetGrainStorage(ProbeGrain.StorageName, options =>
            {
                options.Invariant = PostgresStorageServiceCollectionExtensions.Invariant;
                options.ConnectionString = storage.ConnectionString;
                options.GrainStorageSerializer = new JsonGrainStateSerializer(ProbeJsonContext.Default);
            });
        }
        else
        {
            siloBuilder.Services.AddSqliteMessagingStorage(storage.ConnectionString);
            siloBuilder.Services.AddGrainStorage(
                ProbeGrain.StorageName,
                static (services, _) => new StateStoreGrainStorage(
                    services.GetRequiredService<IGrainStateStore>(), new JsonGrainStateSerializer(ProbeJsonContext.Default)));
        }

        ClusterTuning.ConfigureSilo(siloBuilder.Services, siloBuilder.Configuration);
        siloBuilder.Services.AddMessagingGrains();
        siloBuilder.AddIncomingGrainCallFilter<RefusingCallFilter>();

        // Hashing at production cost would make every registration take a tenth of a second.
        siloBuilder.Services.Configure<PasswordHasherOptions>(options => options.IterationCount = 1_000);
        siloBuilder.Services.Configure<UserGrainOptions>(options => options.LockoutDuration = ClusterSettings.LockoutDuration);
        siloBuilder.Services.Configure<UserEventLogOptions>(options =>
        {
            options.RetainedEvents = ClusterSettings.RetainedEvents;
            options.RetentionPeriod = TimeSpan.Zero;
        });
        siloBuilder.Services.Configure<NameReservationOptions>(options => options.ReclaimAge = ClusterSettings.ReservationReclaimAge);
    }
}
