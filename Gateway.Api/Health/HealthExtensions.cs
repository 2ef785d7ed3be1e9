using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Gateway.Api.Health;

internal static class HealthExtensions
{
    private const string ReadyTag = "ready";

    /// <summary>Readiness: Orleans knows an active silo to serve grain calls. Liveness checks nothing beyond the process.</summary>
    public static IServiceCollection AddGatewayHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<SiloReadinessCheck>("silo", tags: [ReadyTag], timeout: TimeSpan.FromSeconds(5));
        return services;
    }

    /// <summary>/health/live and /health/ready answer 200 "Healthy" or 503 "Unhealthy".</summary>
    public static IEndpointRouteBuilder MapGatewayHealthChecks(this IEndpointRouteBuilder routes)
    {
        routes.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        routes.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });
        return routes;
    }
}
