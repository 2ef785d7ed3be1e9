using Actors.Membership;
using Actors.Runtime;
using Actors.Serialization;
using Actors.Transport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// Registers a silo (hosts grains and serves grain calls) or a cluster client (only calls grains).
/// Either way <see cref="IGrainFactory"/> is then in the container. Storage comes separately:
/// <c>AddSqliteActorStorage</c> or <c>AddPostgresActorStorage</c>.
/// </summary>
public static class ActorHostingExtensions
{
    /// <summary>Hosts a silo in this application, with options from the "Silo", "Membership" and "GrainCalls" sections.</summary>
    public static IHostApplicationBuilder AddSilo(this IHostApplicationBuilder builder, Action<SiloOptions>? configure = null)
    {
        BindSections(builder.Services, builder.Configuration);
        builder.Services.AddSilo(configure);
        return builder;
    }

    /// <summary>Makes this application a client of a cluster of silos, with options from the "Membership" and "GrainCalls" sections.</summary>
    public static IHostApplicationBuilder AddClusterClient(this IHostApplicationBuilder builder)
    {
        BindSections(builder.Services, builder.Configuration);
        builder.Services.AddClusterClient();
        return builder;
    }

    /// <summary>Hosts a silo; options come only from <paramref name="configure"/> and other Configure calls.</summary>
    public static IServiceCollection AddSilo(this IServiceCollection services, Action<SiloOptions>? configure = null)
    {
        var options = services.AddOptions<SiloOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o => o.Port is >= 0 and <= 65535, "Silo:Port must be 0 (any free port) to 65535.")
            .Validate(o => o.IdleCollectionAge > TimeSpan.Zero && o.IdleCollectionPeriod > TimeSpan.Zero, "Silo idle collection age and period must be positive.")
            .ValidateOnStart();

        AddCore(services);
        services.TryAddSingleton(sp =>
        {
            var o = sp.GetRequiredService<IOptions<SiloOptions>>().Value;
            var host = o.AdvertisedHost ?? (o.ListenAddress is "0.0.0.0" or "::" ? Environment.MachineName : o.ListenAddress);
            return new SiloIdentity(o.SiloId ?? $"{Environment.MachineName}-{Guid.NewGuid():N}"[..Math.Min(64, Environment.MachineName.Length + 13)], host);
        });
        services.TryAddSingleton<GrainTypeRegistry>();
        services.TryAddSingleton<GrainActivator>();
        services.TryAddSingleton<Catalog>();
        services.TryAddSingleton<IncomingCallHandler>();
        services.TryAddSingleton<SiloConnectionHandler>();
        services.TryAddSingleton<SiloHost>();
        services.TryAddSingleton<ISiloStatus>(sp => sp.GetRequiredService<SiloHost>());
        services.AddHostedService(sp => sp.GetRequiredService<SiloHost>());
        return services;
    }

    /// <summary>Makes this application a client of a cluster of silos.</summary>
    public static IServiceCollection AddClusterClient(this IServiceCollection services)
    {
        AddCore(services);
        services.AddHostedService<ClusterClientService>();
        return services;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddOptions<MembershipOptions>()
            .Validate(o => o.HeartbeatPeriod > TimeSpan.Zero && o.RefreshPeriod > TimeSpan.Zero, "Membership periods must be positive.")
            .Validate(o => o.SuspicionTimeout > o.HeartbeatPeriod, "Membership:SuspicionTimeout must be longer than Membership:HeartbeatPeriod.")
            .ValidateOnStart();
        services.AddOptions<GrainCallOptions>()
            .Validate(o => o.CallTimeout > TimeSpan.Zero, "GrainCalls:CallTimeout must be positive.")
            .ValidateOnStart();
        services.AddOptions<TransportOptions>()
            .Validate(o => !o.TlsEnabled || !string.IsNullOrEmpty(o.CaCertificatePath), "Transport:CaCertificatePath is required with Transport:CertificatePath.")
            .Validate(o => o.HandshakeTimeout > TimeSpan.Zero, "Transport:HandshakeTimeout must be positive.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainSerializer>();
        services.TryAddSingleton<MembershipView>();
        services.TryAddSingleton<IClusterView>(sp => sp.GetRequiredService<MembershipView>());
        services.TryAddSingleton<TransportSecurity>();
        services.TryAddSingleton<ConnectionPool>();
        services.TryAddSingleton<GrainCallRouter>();
        services.TryAddSingleton<IGrainFactory>(sp => sp.GetRequiredService<GrainCallRouter>());
    }

    private static void BindSections(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SiloOptions>().Bind(configuration.GetSection("Silo"));
        services.AddOptions<MembershipOptions>().Bind(configuration.GetSection("Membership"));
        services.AddOptions<GrainCallOptions>().Bind(configuration.GetSection("GrainCalls"));
        services.AddOptions<TransportOptions>().Bind(configuration.GetSection("Transport"));
    }
}
