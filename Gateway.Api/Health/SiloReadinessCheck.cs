using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Gateway.Api.Health;

/// <summary>
/// Ready when grain calls can be served. Embedded: the co-hosted silo is active in Orleans' membership.
/// Cluster: Orleans' management grain, asked through a silo gateway, lists at least one active silo.
/// </summary>
internal sealed class SiloReadinessCheck(IServiceProvider services, IGrainFactory grains) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (services.GetService<ISiloStatusOracle>() is { } membership)
        {
            return membership.CurrentStatus == SiloStatus.Active
                ? HealthCheckResult.Healthy($"The co-hosted silo {membership.SiloName} is active.")
                : HealthCheckResult.Unhealthy($"The co-hosted silo {membership.SiloName} is {membership.CurrentStatus}.");
        }

        var hosts = await grains.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        return hosts.Count > 0
            ? HealthCheckResult.Healthy($"{hosts.Count} active silos.")
            : HealthCheckResult.Unhealthy("No active silo is known.");
    }
}
