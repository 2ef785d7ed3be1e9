using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

/// <summary>Every route answers with and without its trailing slash, the same way, and never redirects.</summary>
[Collection(GatewayCollection.Name)]
public class RoutingTests(GatewayFactory factory)
{
    [Fact]
    public async Task EveryRouteAnswersWithAndWithoutTrailingSlash()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);
        var c = (await client.CreateConversationAsync(bob)).ConversationId;
        var m = (await client.SendAsync(c, "hello")).MessageId;

        (string Method, string Path, object? Body)[] routes =
        [
            ("GET", "/api/users/me", null),
            ("PATCH", "/api/users/me", new { last_name = "A" }),
            ("GET", $"/api/users?username={bob.Username}", null),
            ("GET", $"/api/users/{bob.Id}", null),
            ("GET", "/api/conversations", null),
            ("GET", $"/api/conversations/{c}", null),
            ("PATCH", $"/api/conversations/{c}", new { title = "t" }),
            ("GET", $"/api/conversations/{c}/messages", null),
            ("GET", $"/api/conversations/{c}/messages/{m}", null),
            ("PATCH", $"/api/conversations/{c}/messages/{m}", new { message_body = "edited" }),
            ("POST", "/api/token/verify", new { token = "x" }),
            ("POST", "/api/token/refresh", new { refresh = "x" }),
            ("POST", "/api/token/blacklist", new { refresh = "x" }),
            ("POST", "/api/token", new { username = "nobody-at-all", password = "wrong-password" }),
            ("POST", "/api/register", new { username = "x" }),
        ];

        foreach (var (method, path, body) in routes)
        {
            var query = path.IndexOf('?', StringComparison.Ordinal);
            var slashed = query < 0 ? path + "/" : path.Insert(query, "/");
            var plain = await SendAsync(client, method, path, body);
            var withSlash = await SendAsync(client, method, slashed, body);
            Assert.True(plain == withSlash, $"{method} {path}: {plain} without the slash, {withSlash} with it");
            Assert.True((int)plain is < 300 or >= 400, $"{method} {path} redirected");
            Assert.NotEqual(HttpStatusCode.NotFound, plain);
            Assert.NotEqual(HttpStatusCode.MethodNotAllowed, plain);
        }
    }

    [Fact]
    public async Task WritesAnswerWithAndWithoutTrailingSlash()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        var carol = await factory.RegisterAsync("carol");
        using var client = factory.CreateClient(alice);

        foreach (var slash in new[] { "", "/" })
        {
            using var created = await client.PostAsJsonAsync($"/api/conversations{slash}", new { participants = new[] { bob.Id } });
            var c = (await ApiAssert.OkAsync<ConversationView>(created, HttpStatusCode.Created)).ConversationId;
            using var sent = await client.PostAsJsonAsync($"/api/conversations/{c}/messages{slash}", new { message_body = "x" });
            var m = (await ApiAssert.OkAsync<MessageView>(sent, HttpStatusCode.Created)).MessageId;
            using var added = await client.PostAsJsonAsync($"/api/conversations/{c}/participants{slash}", new { user_id = carol.Id });
            Assert.Equal(HttpStatusCode.Created, added.StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/conversations/{c}/participants/{carol.Id}{slash}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/conversations/{c}/messages/{m}{slash}")).StatusCode);
            Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/conversations/{c}{slash}")).StatusCode);
        }
    }

    private static async Task<HttpStatusCode> SendAsync(HttpClient client, string method, string path, object? body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }
}
