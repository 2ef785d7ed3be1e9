using Grains.Hosting;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Orleans.Dashboard;
using Silo;

var builder = WebApplication.CreateBuilder(args);

// The Orleans silo: PostgreSQL membership (ADO.NET clustering), grain state and journals; the endpoints,
// names and Orleans options come from the Silo, Orleans and Transport sections. The Orleans Dashboard
// collects what this silo runs.
var storage = new MessagingStorageSettings(
    builder.Configuration["Messaging:Storage"] ?? MessagingStorageSettings.Postgres,
    builder.Configuration["Messaging:ConnectionString"]
        ?? throw new InvalidOperationException("Set Messaging:ConnectionString (environment variable Messaging__ConnectionString)."));
builder.UseOrleans(silo =>
{
    silo.AddMessagingSilo(builder.Configuration, storage, openGateway: true);
    silo.AddDashboard();
});

// Liveness is the process; readiness is this silo active in Orleans' membership.
builder.Services.AddHealthChecks()
    .AddCheck("process", () => HealthCheckResult.Healthy(), tags: ["live"])
    .AddCheck<SiloReadiness>("silo", tags: ["ready"]);
builder.Services.AddSingleton<DashboardAccess>();

var app = builder.Build();
app.MapHealthChecks("/health/live", new() { Predicate = c => c.Tags.Contains("live") });
app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });

// The Orleans Dashboard at /dashboard, for loopback callers unless Dashboard:AllowedNetworks says otherwise.
app.UseMiddleware<DashboardAccess>();
app.MapOrleansDashboard(DashboardAccess.Path);

// What this silo is and holds, from Orleans' own details, for operators and the cluster tests.
app.MapGet("/silo", SiloInfo.GetAsync);
app.Run();
