using Actors.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Gateway.Api.Health;

/// <summary>Ready when the co-hosted silo is started, listening and active in the membership it reads.</summary>
internal sealed class SiloReadinessCheck(ISiloStatus silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.IsServing
            ? HealthCheckResult.Healthy($"Silo {silo.SiloId} serves on port {silo.Port}.")
            : HealthCheckResult.Unhealthy($"Silo {silo.SiloId} is not serving."));
}
