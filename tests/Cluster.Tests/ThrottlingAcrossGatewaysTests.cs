using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cluster.Tests;

/// <summary>
/// The limits hold for the cluster, not per gateway: requests spread over two gateway processes count
/// together (throttle grains and the user grain's lockout). The test runs behind the gateways' trusted
/// loopback proxy rule, so X-Forwarded-For names a client address of each scenario's own. The same start also shows a
/// service client working across the two gateways (its grain and its values crossing processes).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class ThrottlingAcrossGatewaysTests(PostgresFixture postgres)
{
    private const string Password = "across-gateways-1";
    private const int RegistrationsPerAddress = 4;
    private const int SendsPerUser = 6;
    private const int MaxFailedAttempts = 5;

    [Fact]
    public async Task LimitsCountRequestsOfEveryGatewayTogether()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 1, gateways: 2, new Dictionary<string, string>
        {
            ["RateLimiting__RegistrationsPerAddress__PermitLimit"] = $"{RegistrationsPerAddress}",
            ["RateLimiting__RegistrationsPerAddress__Window"] = "00:10:00",
            ["RateLimiting__SendsPerUser__PermitLimit"] = $"{SendsPerUser}",
            ["RateLimiting__SendsPerUser__Window"] = "00:10:00",
            ["Users__MaxFailedAttempts"] = $"{MaxFailedAttempts}",
            ["Accounts__AdminUsernames__0"] = "cluster-admin",
        });
        HttpClient[] gateways = [.. cluster.Gateways.Select(g => new HttpClient { BaseAddress = g.HttpAddress, Timeout = TimeSpan.FromSeconds(30) })];
        var run = Guid.NewGuid().ToString("N")[..8];

        // Registrations from one address, alternating gateways: the limit is for both together.
        var registrations = new List<HttpStatusCode>();
        for (var i = 0; i <= RegistrationsPerAddress; i++)
        {
            var username = $"reg{i}{run}";
            registrations.Add((await CallAsync(gateways[i % 2], HttpMethod.Post, "/api/register/", "198.51.100.1", null,
                new { username, email = $"{username}@example.com", password = Password })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, RegistrationsPerAddress), HttpStatusCode.TooManyRequests], registrations);

        // Failed logins against one account, alternating gateways and addresses: locked after five in all;
        // then the right password is refused alike, and a name that matches no account answers the same way.
        var alice = await RegisterAsync(gateways[0], $"alice{run}", "198.51.100.2");
        var known = await FailLoginsAsync(gateways, alice.Username);
        var unknown = await FailLoginsAsync(gateways, $"nobody{run}");
        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Unauthorized, MaxFailedAttempts - 1), HttpStatusCode.TooManyRequests], known);
        Assert.Equal(known, unknown);
        var right = await CallAsync(gateways[1], HttpMethod.Post, "/api/token/", "198.51.100.3", null, new { username = alice.Username, password = Password });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.Status);
        Assert.NotNull(right.RetryAfter);

        // Sends by one user, alternating gateways.
        var bob = await RegisterAsync(gateways[1], $"bob{run}", "198.51.100.4");
        var created = await CallAsync(gateways[0], HttpMethod.Post, "/api/conversations/", null, bob.Token, new { participants = new[] { alice.Id } });
        var messages = $"/api/conversations/{created.Body!["conversation_id"]!.GetValue<Guid>()}/messages/";
        var sends = new List<HttpStatusCode>();
        for (var i = 0; i <= SendsPerUser; i++)
        {
            sends.Add((await CallAsync(gateways[i % 2], HttpMethod.Post, messages, null, bob.Token, new { message_body = $"m{i}" })).Status);
        }

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.Created, SendsPerUser), HttpStatusCode.TooManyRequests], sends);

        // A service client made on one gateway exchanges its secret on the other and sends as its bot on the first.
        var admin = await RegisterAsync(gateways[0], "cluster-admin", "198.51.100.5");
        var client = await CallAsync(gateways[1], HttpMethod.Post, "/api/admin/clients/", null, admin.Token, new { name = "ci", scopes = new[] { "messages:write" } });
        Assert.Equal(HttpStatusCode.Created, client.Status);
        var botId = client.Body!["bot_user_id"]!.GetValue<Guid>();
        using var exchanged = await gateways[0].PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = client.Body["client_id"]!.GetValue<string>(),
            ["client_secret"] = client.Body["client_secret"]!.GetValue<string>(),
        }));
        Assert.Equal(HttpStatusCode.OK, exchanged.StatusCode);
        var botToken = JsonNode.Parse(await exchanged.Content.ReadAsStringAsync())!["access_token"]!.GetValue<string>();
        var withBot = await CallAsync(gateways[1], HttpMethod.Post, "/api/conversations/", null, alice.Token, new { participants = new[] { botId } });
        var botSent = await CallAsync(gateways[0], HttpMethod.Post, $"/api/conversations/{withBot.Body!["conversation_id"]!.GetValue<Guid>()}/messages/",
            null, botToken, new { message_body = "from the bot" });
        Assert.Equal((HttpStatusCode.Created, botId), (botSent.Status, botSent.Body!["sender"]!["user_id"]!.GetValue<Guid>()));
        foreach (var gateway in gateways)
        {
            gateway.Dispose();
        }
    }

    /// <summary>Wrong passwords for <paramref name="login"/>, one more than the lockout needs, alternating gateways.</summary>
    private static async Task<List<HttpStatusCode>> FailLoginsAsync(HttpClient[] gateways, string login)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < MaxFailedAttempts; i++)
        {
            statuses.Add((await CallAsync(gateways[i % 2], HttpMethod.Post, "/api/token/", $"203.0.113.{i + 1}", null,
                new { username = login, password = "wrong-password" })).Status);
        }

        return statuses;
    }

    private static async Task<(Guid Id, string Username, string Token)> RegisterAsync(HttpClient http, string username, string address)
    {
        var registered = await CallAsync(http, HttpMethod.Post, "/api/register/", address, null, new { username, email = $"{username}@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var tokens = await CallAsync(http, HttpMethod.Post, "/api/token/", address, null, new { username, password = Password });
        return (registered.Body!["user_id"]!.GetValue<Guid>(), username, tokens.Body!["access"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body, TimeSpan? RetryAfter)> CallAsync(
        HttpClient http, HttpMethod method, string path, string? clientAddress, string? token, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (clientAddress is not null)
        {
            request.Headers.Add("X-Forwarded-For", clientAddress);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject, response.Headers.RetryAfter?.Delta);
    }
}
