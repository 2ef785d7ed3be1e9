using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Cluster.Tests;

/// <summary>
/// In a TestCluster every silo shares one process, so a type without an Orleans serializer passes there.
/// Here the gateway is a separate process from three silos: every grain method the API reaches, its
/// arguments and results, and every domain error cross a process boundary (and grain-to-grain calls
/// between silos), and must arrive with their type and field errors intact.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class CrossProcessTests(PostgresFixture postgres)
{
    private const string Password = "cross-process-1";

    [Fact]
    public async Task EveryGrainCallAndDomainErrorCrossesProcesses()
    {
        await using var cluster = await MessagingCluster.StartAsync(await postgres.CreateDatabaseAsync(), silos: 3, gateways: 1);
        using var http = new HttpClient { BaseAddress = cluster.Gateways[0].HttpAddress, Timeout = TimeSpan.FromSeconds(30) };
        var run = Guid.NewGuid().ToString("N")[..8];

        // Users: registration (user and name reservation grains), a taken name (409), invalid fields (400 with errors).
        var alice = await RegisterAsync(http, $"alice{run}");
        var bob = await RegisterAsync(http, $"bob{run}");
        var carol = await RegisterAsync(http, $"carol{run}");
        var taken = await SendAsync(http, HttpMethod.Post, "/api/register/", null, new { username = $"ALICE{run}", email = $"other{run}@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Conflict, taken.Status);
        var invalid = await SendAsync(http, HttpMethod.Post, "/api/register/", null, new { username = "x", email = "not-an-email", password = Password });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.Status);
        Assert.NotNull(invalid.Body!["errors"]!["username"]);

        // Tokens: password check, refresh-token family, rotation, reuse, logout.
        var login = await SendAsync(http, HttpMethod.Post, "/api/token/", null, new { username = $"alice{run}", password = Password });
        Assert.Equal(HttpStatusCode.OK, login.Status);
        var wrong = await SendAsync(http, HttpMethod.Post, "/api/token/", null, new { username = $"alice{run}@example.com", password = "wrong-password" });
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        var refresh = login.Body!["refresh"]!.GetValue<string>();
        var rotated = await SendAsync(http, HttpMethod.Post, "/api/token/refresh/", null, new { refresh });
        Assert.Equal(HttpStatusCode.OK, rotated.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(http, HttpMethod.Post, "/api/token/refresh/", null, new { refresh })).Status);
        var second = await SendAsync(http, HttpMethod.Post, "/api/token/", null, new { username = $"alice{run}", password = Password });
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, "/api/token/blacklist/", null, new { refresh = second.Body!["refresh"]!.GetValue<string>() })).Status);

        // Profiles and lookups.
        var patched = await SendAsync(http, HttpMethod.Patch, "/api/users/me/", alice.Token, new { first_name = "Alice" });
        Assert.Equal("Alice", patched.Body!["first_name"]!.GetValue<string>());
        var found = await SendAsync(http, HttpMethod.Get, $"/api/users/?username=BOB{run}", alice.Token);
        Assert.Equal(bob.Id, found.Body!["results"]![0]!["user_id"]!.GetValue<Guid>());
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, $"/api/users/{Guid.NewGuid()}/", alice.Token)).Status);

        // Conversations: create (user lookups and membership notes between grains), list, rename, participants.
        var created = await SendAsync(http, HttpMethod.Post, "/api/conversations/", alice.Token, new { participants = new[] { bob.Id }, title = "cross" });
        Assert.Equal(HttpStatusCode.Created, created.Status);
        var conversation = $"/api/conversations/{created.Body!["conversation_id"]!.GetValue<Guid>()}";
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Get, $"{conversation}/", carol.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, $"/api/conversations/{Guid.NewGuid()}/", alice.Token)).Status);
        Assert.Equal("renamed", (await SendAsync(http, HttpMethod.Patch, $"{conversation}/", alice.Token, new { title = "renamed" })).Body!["title"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Created, (await SendAsync(http, HttpMethod.Post, $"{conversation}/participants/", alice.Token, new { user_id = carol.Id, role = "admin" })).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await SendAsync(http, HttpMethod.Post, $"{conversation}/participants/", alice.Token, new { user_id = carol.Id })).Status);
        var listed = await SendAsync(http, HttpMethod.Get, $"/api/conversations/?participant={carol.Id}", bob.Token);
        Assert.Equal(1, listed.Body!["count"]!.GetValue<int>());

        // Messages: send, replay, list, get, edit, delete, and the validation error with its field.
        var sent = await SendAsync(http, HttpMethod.Post, $"{conversation}/messages/", bob.Token, new { message_body = "hello", client_message_id = "m-1" });
        Assert.Equal(HttpStatusCode.Created, sent.Status);
        Assert.Equal(HttpStatusCode.OK, (await SendAsync(http, HttpMethod.Post, $"{conversation}/messages/", bob.Token, new { message_body = "hello", client_message_id = "m-1" })).Status);
        var blank = await SendAsync(http, HttpMethod.Post, $"{conversation}/messages/", bob.Token, new { message_body = "   " });
        Assert.Equal(HttpStatusCode.BadRequest, blank.Status);
        Assert.NotNull(blank.Body!["errors"]!["message_body"]);
        var message = $"{conversation}/messages/{sent.Body!["message_id"]!.GetValue<Guid>()}/";
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Patch, message, alice.Token, new { message_body = "not mine" })).Status);
        Assert.Equal("edited", (await SendAsync(http, HttpMethod.Patch, message, bob.Token, new { message_body = "edited" })).Body!["message_body"]!.GetValue<string>());
        Assert.Equal("edited", (await SendAsync(http, HttpMethod.Get, message, carol.Token)).Body!["message_body"]!.GetValue<string>());
        var page = await SendAsync(http, HttpMethod.Get, $"{conversation}/messages/?after_seq=0&ordering=sent_at", alice.Token);
        Assert.Equal(1, page.Body!["count"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, message, alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, message, bob.Token)).Status);

        // Leaving, and deleting the conversation.
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, $"{conversation}/participants/{carol.Id}/", carol.Token)).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(http, HttpMethod.Get, $"{conversation}/messages/", carol.Token)).Status);
        Assert.Equal(HttpStatusCode.NoContent, (await SendAsync(http, HttpMethod.Delete, $"{conversation}/", alice.Token)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(http, HttpMethod.Get, $"{conversation}/", alice.Token)).Status);
        Assert.Equal(0, (await SendAsync(http, HttpMethod.Get, "/api/conversations/", bob.Token)).Body!["count"]!.GetValue<int>());
    }

    private static async Task<(Guid Id, string Token)> RegisterAsync(HttpClient http, string username)
    {
        var registered = await SendAsync(http, HttpMethod.Post, "/api/register/", null, new { username, email = $"{username}@example.com", password = Password });
        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var tokens = await SendAsync(http, HttpMethod.Post, "/api/token/", null, new { username, password = Password });
        return (registered.Body!["user_id"]!.GetValue<Guid>(), tokens.Body!["access"]!.GetValue<string>());
    }

    private static async Task<(HttpStatusCode Status, JsonObject? Body)> SendAsync(HttpClient http, HttpMethod method, string path, string? token, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text) as JsonObject);
    }
}
