using Actors.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Api.Health;

/// <summary>
/// Ready when grain calls can be served: in embedded mode the co-hosted silo is listening and active;
/// in cluster mode this gateway sees at least one active silo.
/// </summary>
internal sealed class SiloReadinessCheck(IClusterView cluster, IServiceProvider services) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ISiloStatus>() is { } silo)
        {
            return Task.FromResult(silo.IsServing
                ? HealthCheckResult.Healthy($"Silo {silo.SiloId} serves on port {silo.Port}.")
                : HealthCheckResult.Unhealthy($"Silo {silo.SiloId} is not serving."));
        }

        var active = cluster.ActiveSiloIds;
        return Task.FromResult(active.Count > 0
            ? HealthCheckResult.Healthy($"{active.Count} active silos.")
            : HealthCheckResult.Unhealthy("No active silo is known."));
    }
}
