using Gateway.Api.Json;

namespace Gateway.Api.Hubs;

internal static class HubExtensions
{
    /// <summary>SignalR with the API's JSON (snake_case, RFC 3339 timestamps), and the per-connection event loops.</summary>
    public static IServiceCollection AddGatewayHub(this IServiceCollection services)
    {
        services.AddSignalR().AddJsonProtocol(options => JsonConfiguration.Apply(options.PayloadSerializerOptions));
        services.AddSingleton<HubEventPumps>();
        return services;
    }

    public static HubEndpointConventionBuilder MapGatewayHub(this IEndpointRouteBuilder routes) =>
        routes.MapHub<MessagingHub>(MessagingHub.Path);
}
