using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class ServiceClientTests(GatewayFactory factory)
{
    private sealed record Client(Guid Id, string Secret, Guid BotUserId, TestUser Bot);

    // A real admin: the user grain's role, not the token's, decides (a forged role claim is replaced).
    private async Task<HttpClient> AdminAsync() => factory.CreateClient(await factory.BootstrapAdminAsync());

    private async Task<Client> CreateClientAsync(params string[] scopes)
    {
        using var admin = await AdminAsync();
        using var response = await admin.PostAsJsonAsync("/api/admin/clients/", new { name = "Reporter", scopes });
        var body = await ApiAssert.OkAsync<JsonObject>(response, HttpStatusCode.Created);
        var botId = body["bot_user_id"]!.GetValue<Guid>();
        var bot = new TestUser(botId, body["bot_username"]!.GetValue<string>(), "", "");
        return new Client(body["client_id"]!.GetValue<Guid>(), body["client_secret"]!.GetValue<string>(), botId, bot);
    }

    /// <summary>POST /api/oauth/token with the client's credentials in HTTP Basic or in the form.</summary>
    private async Task<HttpResponseMessage> ExchangeAsync(Guid clientId, string secret, string? scope = null, bool basic = true, string grant = "client_credentials")
    {
        using var http = factory.CreateClient();
        var fields = new Dictionary<string, string> { ["grant_type"] = grant };
        if (scope is not null)
        {
            fields["scope"] = scope;
        }

        if (basic)
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{clientId}:{Uri.EscapeDataString(secret)}")));
        }
        else
        {
            fields["client_id"] = clientId.ToString();
            fields["client_secret"] = secret;
        }

        return await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(fields));
    }

    private async Task<HttpClient> AsBotAsync(Client client, string? scope = null)
    {
        using var response = await ExchangeAsync(client.Id, client.Secret, scope);
        var body = await ApiAssert.OkAsync<JsonObject>(response);
        var http = factory.CreateClient();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body["access_token"]!.GetValue<string>());
        return http;
    }

    private static async Task<string> OAuthErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!["error"]!.GetValue<string>();
    }

    [Fact]
    public async Task EveryUseOfAClientIsAuditedWithoutItsSecret()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead);
        using (await ExchangeAsync(client.Id, client.Secret))
        {
        }

        using (await ExchangeAsync(client.Id, "not-the-secret"))
        {
        }

        using var admin = await AdminAsync();
        using var rotated = await admin.PostAsync($"/api/admin/clients/{client.Id}/secret/", null);
        var newSecret = (await ApiAssert.OkAsync<JsonObject>(rotated))["client_secret"]!.GetValue<string>();
        using var revoked = await admin.DeleteAsync($"/api/admin/clients/{client.Id}/");
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);

        string[] expected =
        [
            AuditEventTypes.ClientCreated, AuditEventTypes.ClientTokenIssued, AuditEventTypes.ClientAuthenticationFailed,
            AuditEventTypes.ClientSecretRotated, AuditEventTypes.ClientRevoked,
        ];
        var (json, events) = await AuditTrail.WaitAsync(
            admin, "", found => expected.All(name => found.Any(e => e.Event == name && e.Detail?.Contains(client.Id.ToString(), StringComparison.Ordinal) == true)));
        foreach (var name in expected)
        {
            Assert.Contains(events, e => e.Event == name && e.Detail?.Contains(client.Id.ToString(), StringComparison.Ordinal) == true);
        }

        Assert.Contains(events, e => e.Event == AuditEventTypes.ClientTokenIssued && e.UserId == client.BotUserId);
        Assert.DoesNotContain(client.Secret, json, StringComparison.Ordinal);
        Assert.DoesNotContain(newSecret, json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAdminCreatesAClientWhoseSecretIsShownOnceAndListedWithoutIt()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead, ServiceScopes.ConversationsRead);

        using var admin = await AdminAsync();
        var listing = await (await admin.GetAsync("/api/admin/clients/?page_size=100")).Content.ReadAsStringAsync();
        var found = JsonNode.Parse(listing)!["results"]!.AsArray().Single(c => c!["client_id"]!.GetValue<Guid>() == client.Id)!;
        Assert.Equal(["messages:read", "conversations:read"], found["scopes"]!.AsArray().Select(s => s!.GetValue<string>()));
        Assert.Equal(client.BotUserId, found["bot_user_id"]!.GetValue<Guid>());
        Assert.DoesNotContain(client.Secret, listing, StringComparison.Ordinal);
        Assert.DoesNotContain("secret_hash", listing, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAdminsManageClients()
    {
        using var user = factory.CreateClient(await factory.RegisterAsync("plain"));
        await ApiAssert.ProblemAsync(await user.PostAsJsonAsync("/api/admin/clients/", new { name = "x", scopes = new[] { "messages:read" } }), HttpStatusCode.Forbidden);
        await ApiAssert.ProblemAsync(await user.GetAsync("/api/admin/clients/"), HttpStatusCode.Forbidden);
        await ApiAssert.UnauthorizedAsync(await factory.CreateClient().GetAsync("/api/admin/clients/"));
    }

    [Fact]
    public async Task UnknownScopesAndMissingNamesAreRefused()
    {
        using var admin = await AdminAsync();
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/admin/clients/", new { name = "x", scopes = new[] { "admin" } }), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/admin/clients/", new { scopes = new[] { "messages:read" } }), HttpStatusCode.BadRequest);
        await ApiAssert.ProblemAsync(await admin.PostAsJsonAsync("/api/admin/clients/", new { name = "x", scopes = Array.Empty<string>() }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheSecretInBasicOrInTheFormGivesABearerTokenForTheClientsScopes()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead, ServiceScopes.MessagesWrite);

        foreach (var basic in new[] { true, false })
        {
            using var response = await ExchangeAsync(client.Id, client.Secret, basic: basic);
            var body = await ApiAssert.OkAsync<JsonObject>(response);
            Assert.Equal("Bearer", body["token_type"]!.GetValue<string>());
            Assert.Equal(300, body["expires_in"]!.GetValue<int>());
            Assert.Equal("messages:read messages:write", body["scope"]!.GetValue<string>());
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TheBotSendsAsItselfInAConversationItWasAddedTo()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead, ServiceScopes.MessagesWrite, ServiceScopes.ConversationsRead);
        var alice = await factory.RegisterAsync("alice");
        using var asAlice = factory.CreateClient(alice);
        var conversation = await asAlice.CreateConversationAsync(client.Bot);
        using var bot = await AsBotAsync(client);

        var sent = await bot.SendAsync(conversation.ConversationId, "build passed");

        Assert.Equal(client.BotUserId, sent.Sender.UserId);
        var seen = await asAlice.PageAsync<MessageView>($"/api/conversations/{conversation.ConversationId}/messages/");
        Assert.Equal(["build passed"], seen.Results.Select(m => m.MessageBody));
        var listed = await bot.PageAsync<ConversationView>("/api/conversations/");
        Assert.Equal([conversation.ConversationId], listed.Results.Select(c => c.ConversationId));
    }

    [Theory]
    [InlineData(ServiceScopes.MessagesRead)]
    [InlineData(ServiceScopes.MessagesWrite)]
    [InlineData(ServiceScopes.ConversationsRead)]
    public async Task EachScopeAllowsWhatItSaysAndNothingElse(string scope)
    {
        var client = await CreateClientAsync(scope);
        var alice = await factory.RegisterAsync("alice");
        using var asAlice = factory.CreateClient(alice);
        var id = (await asAlice.CreateConversationAsync(client.Bot)).ConversationId;
        var message = await asAlice.SendAsync(id, "hello bot");
        using var bot = await AsBotAsync(client);
        var messages = $"/api/conversations/{id}/messages/";

        var answers = new Dictionary<string, HttpStatusCode>
        {
            ["list messages"] = (await bot.GetAsync(messages)).StatusCode,
            ["get message"] = (await bot.GetAsync($"{messages}{message.MessageId}/")).StatusCode,
            ["send"] = (await bot.PostAsJsonAsync(messages, new { message_body = "hi" })).StatusCode,
            ["list conversations"] = (await bot.GetAsync("/api/conversations/")).StatusCode,
            ["get conversation"] = (await bot.GetAsync($"/api/conversations/{id}/")).StatusCode,
            ["me"] = (await bot.GetAsync("/api/users/me/")).StatusCode,
            ["create conversation"] = (await bot.PostAsJsonAsync("/api/conversations/", new { participants = new[] { alice.Id } })).StatusCode,
            ["mark read"] = (await bot.PutAsJsonAsync($"/api/conversations/{id}/read/", new { seq = 1 })).StatusCode,
            ["event ticket"] = (await bot.PostAsync("/api/events/ticket/", null)).StatusCode,
            ["event stream"] = (await bot.GetAsync("/api/events/?close_after=1", HttpCompletionOption.ResponseHeadersRead)).StatusCode,
            ["hub"] = (await bot.PostAsync("/hubs/messaging/negotiate?negotiateVersion=1", null)).StatusCode,
            ["admin"] = (await bot.GetAsync("/api/admin/clients/")).StatusCode,
        };

        var ok = scope switch
        {
            ServiceScopes.MessagesRead => new[] { "list messages", "get message" },
            ServiceScopes.MessagesWrite => ["send"],
            _ => ["list conversations", "get conversation"],
        };
        var expected = answers.Keys.ToDictionary(
            route => route,
            route => !ok.Contains(route) ? HttpStatusCode.Forbidden : route == "send" ? HttpStatusCode.Created : HttpStatusCode.OK);
        Assert.Equal(expected, answers);
    }

    [Fact]
    public async Task AScopeParameterNarrowsTheTokenAndMayNotWidenIt()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead, ServiceScopes.ConversationsRead);

        using var narrowed = await ExchangeAsync(client.Id, client.Secret, scope: ServiceScopes.ConversationsRead);
        Assert.Equal("conversations:read", (await ApiAssert.OkAsync<JsonObject>(narrowed))["scope"]!.GetValue<string>());
        using var bot = await AsBotAsync(client, ServiceScopes.ConversationsRead);
        Assert.Equal(HttpStatusCode.OK, (await bot.GetAsync("/api/conversations/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await bot.GetAsync($"/api/conversations/{Guid.NewGuid()}/messages/")).StatusCode);

        Assert.Equal("invalid_scope", await OAuthErrorAsync(await ExchangeAsync(client.Id, client.Secret, scope: "messages:write"), HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task RotationGivesANewSecretOnceAndTheOldOneStopsWorking()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead);
        using var admin = await AdminAsync();

        using var rotated = await admin.PostAsync($"/api/admin/clients/{client.Id}/secret/", null);
        var secret = (await ApiAssert.OkAsync<JsonObject>(rotated))["client_secret"]!.GetValue<string>();

        Assert.NotEqual(client.Secret, secret);
        Assert.Equal("invalid_client", await OAuthErrorAsync(await ExchangeAsync(client.Id, client.Secret), HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.OK, (await ExchangeAsync(client.Id, secret)).StatusCode);
    }

    [Fact]
    public async Task RevocationStopsTheSecretAndTheTokensAlreadyIssued()
    {
        var client = await CreateClientAsync(ServiceScopes.ConversationsRead);
        using var bot = await AsBotAsync(client);
        using var admin = await AdminAsync();

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/admin/clients/{client.Id}/")).StatusCode);

        Assert.Equal("invalid_client", await OAuthErrorAsync(await ExchangeAsync(client.Id, client.Secret), HttpStatusCode.Unauthorized));
        await ApiAssert.UnauthorizedAsync(await bot.GetAsync("/api/conversations/"));
        await ApiAssert.ProblemAsync(await admin.PostAsync($"/api/admin/clients/{client.Id}/secret/", null), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await admin.DeleteAsync($"/api/admin/clients/{Guid.NewGuid()}/"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AWrongSecretOrAnUnknownClientIsInvalidClient()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead);

        using var wrong = await ExchangeAsync(client.Id, "not-the-secret");
        Assert.Equal("invalid_client", await OAuthErrorAsync(wrong, HttpStatusCode.Unauthorized));
        Assert.Contains(wrong.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
        Assert.Equal("invalid_client", await OAuthErrorAsync(await ExchangeAsync(Guid.NewGuid(), client.Secret, basic: false), HttpStatusCode.Unauthorized));
    }

    [Fact]
    public async Task AnUnsupportedGrantAndMalformedRequestsAre400()
    {
        var client = await CreateClientAsync(ServiceScopes.MessagesRead);

        Assert.Equal("unsupported_grant_type", await OAuthErrorAsync(await ExchangeAsync(client.Id, client.Secret, grant: "password"), HttpStatusCode.BadRequest));
        Assert.Equal("invalid_request", await OAuthErrorAsync(await ExchangeAsync(client.Id, client.Secret, grant: ""), HttpStatusCode.BadRequest));

        // The grant's body is a form (RFC 6749 §4.4.2), not JSON.
        using var http = factory.CreateClient();
        using var json = await http.PostAsJsonAsync("/api/oauth/token", new { grant_type = "client_credentials", client_id = client.Id, client_secret = client.Secret });
        Assert.Equal("invalid_request", await OAuthErrorAsync(json, HttpStatusCode.BadRequest));

        // One way of authenticating the client, not two.
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{client.Id}:{client.Secret}")));
        using var both = await http.PostAsync("/api/oauth/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_secret"] = client.Secret,
        }));
        Assert.Equal("invalid_request", await OAuthErrorAsync(both, HttpStatusCode.BadRequest));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheFormAndTheScopes()
    {
        using var http = factory.CreateClient();
        var document = JsonNode.Parse(await http.GetStringAsync("/openapi/v1.json"))!["paths"]!;

        var token = document["/api/oauth/token"]!["post"]!;
        Assert.NotNull(token["requestBody"]!["content"]!["application/x-www-form-urlencoded"]);
        var send = document["/api/conversations/{conversationId}/messages"]!["post"]!["description"]!.GetValue<string>();
        Assert.Contains("`messages:write`", send, StringComparison.Ordinal);
    }
}
