using Actors.Membership;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Api.Health;

/// <summary>Ready when the database answers: reads the membership table, which lives beside the grain state.</summary>
internal sealed class StorageReadinessCheck(IMembershipTable membership) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var silos = await membership.ReadAllAsync(cancellationToken);
        return HealthCheckResult.Healthy($"Storage answers; {silos.Count} silos registered.");
    }
}
