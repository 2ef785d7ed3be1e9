using System.Net.Http.Json;
using Gateway.Api.Pagination;
using Grains.Interfaces;

namespace Gateway.Tests.Infrastructure;

/// <summary>Reads the audit trail as an admin, waiting for events that are recorded one-way (after the request answered).</summary>
public static class AuditTrail
{
    /// <summary>The raw JSON and the events of <c>GET /api/admin/audit/?QUERY</c>, once <paramref name="done"/> holds (or 10 s passed).</summary>
    public static async Task<(string Json, IReadOnlyList<AuditEvent> Events)> WaitAsync(
        HttpClient admin, string query, Func<IReadOnlyList<AuditEvent>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            using var response = await admin.GetAsync($"/api/admin/audit/?page_size=100&{query}");
            response.EnsureSuccessStatusCode();
            var json = await response.Content.ReadAsStringAsync();
            var page = System.Text.Json.JsonSerializer.Deserialize<Page<AuditEvent>>(json, JsonOptions)!;
            if (done(page.Results) || DateTime.UtcNow > deadline)
            {
                return (json, page.Results);
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Whether every one of <paramref name="names"/> is among the events.</summary>
    public static bool Has(IReadOnlyList<AuditEvent> events, params string[] names) =>
        names.All(name => events.Any(auditEvent => auditEvent.Event == name));

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
