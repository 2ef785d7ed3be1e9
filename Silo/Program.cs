using System.Text.Json.Serialization;
using Actors.Hosting;
using Grains;
using Microsoft.Extensions.Diagnostics.HealthChecks;

var builder = WebApplication.CreateBuilder(args);

// Grain state, journals and membership: PostgreSQL in a cluster, SQLite for a single silo on one machine.
var storage = builder.Configuration["Messaging:Storage"] ?? "postgres";
var connectionString = builder.Configuration["Messaging:ConnectionString"]
    ?? throw new InvalidOperationException("Set Messaging:ConnectionString (environment variable Messaging__ConnectionString).");
if (string.Equals(storage, "postgres", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddPostgresActorStorage(connectionString);
}
else if (string.Equals(storage, "sqlite", StringComparison.OrdinalIgnoreCase))
{
    builder.Services.AddSqliteActorStorage(connectionString);
}
else
{
    throw new InvalidOperationException($"Messaging:Storage '{storage}' is not supported; use 'postgres' or 'sqlite'.");
}

// The silo: grain endpoint, membership and activations, configured from the Silo, Membership and GrainCalls sections.
builder.AddSilo();
builder.Services.AddMessagingGrains();

// Liveness is the process; readiness is the silo serving as an active member.
builder.Services.AddHealthChecks()
    .AddCheck("silo", () => HealthCheckResult.Healthy(), tags: ["live"])
    .AddCheck<SiloReadiness>("silo-serving", tags: ["ready"]);

var app = builder.Build();
app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });

// What this silo is and holds, for operators and the cluster tests.
app.MapGet("/silo", (ISiloStatus silo) => TypedResults.Ok(new SiloInfo(silo.SiloId, silo.Port, silo.IsServing, silo.ActivationCount)));
app.Run();

/// <summary>The body of GET /silo.</summary>
internal sealed record SiloInfo(
    [property: JsonPropertyName("silo_id")] string SiloId,
    [property: JsonPropertyName("port")] int Port,
    [property: JsonPropertyName("serving")] bool Serving,
    [property: JsonPropertyName("activations")] int Activations);

/// <summary>Ready once the silo listens and is active in the membership table.</summary>
internal sealed class SiloReadiness(ISiloStatus silo) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(silo.IsServing ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"Silo {silo.SiloId} is not serving."));
}
