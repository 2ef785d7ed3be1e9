using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Runtime;

namespace Silo;

/// <summary>Ready once this silo is active in Orleans' membership.</summary>
internal sealed class SiloReadiness(ISiloStatusOracle membership, ILocalSiloDetails silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(membership.CurrentStatus == SiloStatus.Active
            ? HealthCheckResult.Healthy($"Silo {silo.Name} is active.")
            : HealthCheckResult.Unhealthy($"Silo {silo.Name} is {membership.CurrentStatus}."));
}
