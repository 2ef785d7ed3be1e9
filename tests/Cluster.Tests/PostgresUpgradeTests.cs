using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Npgsql;

namespace Cluster.Tests;

/// <summary>
/// A PostgreSQL database written by the project's former runtime, opened by Orleans silos: the first silo
/// imports the old grain state into Orleans' storage once, and the cluster serves the same users,
/// conversations and messages (the journal table is unchanged).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class PostgresUpgradeTests(PostgresFixture postgres)
{
    [Fact]
    public async Task ADatabaseWrittenBeforeTheMoveOntoOrleansServesTheSameUsersConversationsAndMessages()
    {
        var connectionString = await postgres.CreateDatabaseAsync();
        await LegacyPostgresDatabase.CreateAsync(connectionString);
        var expected = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(LegacyPostgresDatabase.FixtureDirectory, "expectations.json")))!;

        await using var cluster = await MessagingCluster.StartAsync(connectionString, silos: 2, gateways: 1);
        using var http = new HttpClient { BaseAddress = cluster.Gateways[0].HttpAddress };

        // Every user logs in with their old password, by username in another case (2024 parses as hex).
        var tokens = new Dictionary<Guid, string>();
        foreach (var user in expected["users"]!.AsArray())
        {
            var profile = user!["profile"]!;
            using var login = await http.PostAsJsonAsync("/api/token/", new { username = profile["username"]!.GetValue<string>().ToUpperInvariant(), password = user["password"]!.GetValue<string>() });
            Assert.Equal(HttpStatusCode.OK, login.StatusCode);
            tokens[profile["user_id"]!.GetValue<Guid>()] = (await login.Content.ReadFromJsonAsync<JsonObject>())!["access"]!.GetValue<string>();

            using var taken = await http.PostAsJsonAsync("/api/register/", new { username = profile["username"]!.GetValue<string>(), email = $"new-{Guid.NewGuid():N}@example.com", password = "another-password-1" });
            Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        }

        foreach (var user in expected["users"]!.AsArray())
        {
            var id = user!["profile"]!["user_id"]!.GetValue<Guid>();
            var listed = await GetAsync(http, "/api/conversations/", tokens[id]);
            Assert.Equal(
                user["conversation_ids"]!.AsArray().Select(c => c!.GetValue<Guid>()).Order(),
                listed["results"]!.AsArray().Select(c => c!["conversation_id"]!.GetValue<Guid>()).Order());
        }

        // Messages as they were (the deleted one gone), and the next send takes the next seq.
        foreach (var conversation in expected["conversations"]!.AsArray())
        {
            var view = conversation!["conversation"]!;
            var path = $"/api/conversations/{view["conversation_id"]!.GetValue<Guid>()}/messages/";
            var owner = tokens[view["created_by"]!.GetValue<Guid>()];
            var page = await GetAsync(http, $"{path}?ordering=sent_at&page_size=100", owner);
            Assert.Equal(
                conversation["messages"]!.AsArray().Select(m => (m!["seq"]!.GetValue<long>(), m["message_body"]!.GetValue<string>())),
                page["results"]!.AsArray().Select(m => (m!["seq"]!.GetValue<long>(), m["message_body"]!.GetValue<string>())));

            using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(new { message_body = "after the upgrade" }) };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", owner);
            using var sent = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.Created, sent.StatusCode);
            Assert.Equal(conversation["next_seq"]!.GetValue<long>(), (await sent.Content.ReadFromJsonAsync<JsonObject>())!["seq"]!.GetValue<long>());
        }

        // The old state table was imported once and dropped; Orleans' storage holds every grain.
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var legacy = dataSource.CreateCommand("SELECT to_regclass('grain_state') IS NULL AND to_regclass('silos') IS NULL");
        Assert.True((bool)(await legacy.ExecuteScalarAsync())!);
    }

    private static async Task<JsonObject> GetAsync(HttpClient http, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
