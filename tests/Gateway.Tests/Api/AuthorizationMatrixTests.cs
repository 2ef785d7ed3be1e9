using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

/// <summary>
/// Who may do what: every route of the API (those that need no token included) against every kind of caller, the expected status of each cell
/// in the one table below, every cell exercised over HTTP on a fresh conversation of its own.
/// </summary>
[Collection(GatewayCollection.Name)]
public class AuthorizationMatrixTests(GatewayFactory factory)
{
    /// <summary>The callers, in the order of the table's columns.</summary>
    private static readonly string[] Callers = ["anonymous", "non-participant", "member", "conversation admin", "owner", "global admin", "deactivated user"];

    /// <summary>
    /// Route (with {c} the conversation, {m} a message the owner sent, {member} the member's user id, {self}
    /// the caller's own id) and the status each caller gets. A global admin is no participant: the API gives
    /// administrators no way into conversations. The deactivated user is the member, deactivated by an admin.
    /// </summary>
    private static readonly (string Route, string? Body, int[] Expected)[] Table =
    [
        //                                                                              anon nonpart member c-admin owner g-admin deact
        ("GET /api/users/me/", null,                                                    [401, 200, 200, 200, 200, 200, 401]),
        ("PATCH /api/users/me/", """{"first_name":"New"}""",                              [401, 200, 200, 200, 200, 200, 401]),
        ("GET /api/users/?username=nobody_at_all", null,                                [401, 200, 200, 200, 200, 200, 401]),
        ("GET /api/users/{member}/", null,                                              [401, 200, 200, 200, 200, 200, 401]),
        ("GET /api/conversations/", null,                                               [401, 200, 200, 200, 200, 200, 401]),
        ("POST /api/conversations/", """{"participants":["{member}"]}""",                 [401, 201, 400, 201, 201, 201, 401]),
        ("GET /api/conversations/{c}/", null,                                           [401, 403, 200, 200, 200, 403, 401]),
        ("PATCH /api/conversations/{c}/", """{"title":"renamed"}""",                      [401, 403, 403, 200, 200, 403, 401]),
        ("DELETE /api/conversations/{c}/", null,                                        [401, 403, 403, 403, 204, 403, 401]),
        ("POST /api/conversations/{c}/participants/", """{"user_id":"{outsider}"}""",     [401, 403, 403, 201, 201, 403, 401]),
        ("DELETE /api/conversations/{c}/participants/{member}/", null,                  [401, 403, 204, 204, 204, 403, 401]),
        ("DELETE /api/conversations/{c}/participants/{self}/", null,                    [401, 403, 204, 204, 204, 403, 401]),
        ("PUT /api/conversations/{c}/read/", """{"seq":1}""",                             [401, 403, 200, 200, 200, 403, 401]),
        ("POST /api/conversations/{c}/messages/", """{"message_body":"hi"}""",            [401, 403, 201, 201, 201, 403, 401]),
        ("GET /api/conversations/{c}/messages/", null,                                  [401, 403, 200, 200, 200, 403, 401]),
        ("GET /api/conversations/{c}/messages/{m}/", null,                              [401, 403, 200, 200, 200, 403, 401]),
        ("PATCH /api/conversations/{c}/messages/{m}/", """{"message_body":"edited"}""",   [401, 403, 403, 403, 200, 403, 401]),
        ("DELETE /api/conversations/{c}/messages/{m}/", null,                           [401, 403, 403, 204, 204, 403, 401]),
        ("GET /api/events/?close_after=1", null,                                        [401, 200, 200, 200, 200, 200, 401]),
        ("POST /api/events/ticket/", null,                                              [401, 201, 201, 201, 201, 201, 401]),
        ("GET /api/admin/users/", null,                                                 [401, 403, 403, 403, 403, 200, 401]),
        ("PATCH /api/admin/users/{member}/", """{"role":"user"}""",                       [401, 403, 403, 403, 403, 200, 401]),
        ("GET /api/admin/audit/", null,                                                 [401, 403, 403, 403, 403, 200, 401]),
        ("GET /api/admin/clients/", null,                                               [401, 403, 403, 403, 403, 200, 401]),
        ("POST /api/admin/clients/", """{"name":"bot","scopes":["messages:read"]}""",     [401, 403, 403, 403, 403, 201, 401]),
        ("POST /api/admin/clients/{client}/secret/", null,                              [401, 403, 403, 403, 403, 200, 401]),
        ("DELETE /api/admin/clients/{client}/", null,                                   [401, 403, 403, 403, 403, 204, 401]),

        // Routes that need no token: the same answer whoever calls (a deactivated user's token is not needed there either).
        ("POST /api/register/", """{"username":"m{unique}","email":"{unique}@example.com","password":"Corr3ct-Horse-Battery"}""",
                                                                                        [201, 201, 201, 201, 201, 201, 201]),
        ("POST /api/token/", """{"username":"nobody{unique}","password":"wrong-password"}""",
                                                                                        [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/token/refresh/", """{"refresh":"not-a-token"}""",                     [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/token/verify/", """{"token":"not-a-token"}""",                        [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/token/blacklist/", """{"refresh":"not-a-token"}""",                   [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/session/", """{"username":"nobody{unique}","password":"wrong-password"}""",
                                                                                        [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/session/refresh/", "{}",                                            [401, 401, 401, 401, 401, 401, 401]),
        ("POST /api/session/logout/", "{}",                                             [204, 204, 204, 204, 204, 204, 204]),
        ("POST /api/oauth/token", "{}",                                                 [400, 400, 400, 400, 400, 400, 400]),
        ("GET /.well-known/jwks.json", null,                                            [404, 404, 404, 404, 404, 404, 404]),
    ];

    public static TheoryData<string, string> Cells()
    {
        var cells = new TheoryData<string, string>();
        foreach (var (route, _, _) in Table)
        {
            foreach (var caller in Callers)
            {
                cells.Add(route, caller);
            }
        }

        return cells;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task EachCallerGetsTheStatusOfItsCell(string route, string caller)
    {
        var row = Table.Single(r => r.Route == route);
        var expected = row.Expected[Array.IndexOf(Callers, caller)];
        var (owner, admin, member, outsider, globalAdmin) = (
            await factory.RegisterAsync("owner"), await factory.RegisterAsync("cadmin"), await factory.RegisterAsync("member"),
            await factory.RegisterAsync("outsider"), await factory.BootstrapAdminAsync());
        using var owners = factory.CreateClient(owner);
        var conversation = await owners.CreateConversationAsync(member);
        using var added = await owners.PostAsJsonAsync($"/api/conversations/{conversation.ConversationId}/participants/", new { user_id = admin.Id, role = "admin" });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var message = await owners.SendAsync(conversation.ConversationId, "the owner's message");
        if (caller == "deactivated user")
        {
            using var admins = factory.CreateClient(globalAdmin);
            using var deactivated = await admins.PatchAsJsonAsync($"/api/admin/users/{member.Id}/", new { is_active = false });
            Assert.Equal(HttpStatusCode.OK, deactivated.StatusCode);
        }

        TestUser? who = caller switch
        {
            "anonymous" => null,
            "non-participant" => outsider,
            "member" => member,
            "conversation admin" => admin,
            "owner" => owner,
            "deactivated user" => member,
            _ => globalAdmin,
        };

        var clientId = Guid.Empty;
        if (route.Contains("{client}", StringComparison.Ordinal))
        {
            using var admins = factory.CreateClient(globalAdmin);
            using var created = await admins.PostAsJsonAsync("/api/admin/clients/", new { name = "matrix", scopes = new[] { "messages:read" } });
            clientId = (await ApiAssert.OkAsync<System.Text.Json.Nodes.JsonObject>(created, HttpStatusCode.Created))["client_id"]!.GetValue<Guid>();
        }

        var unique = Guid.NewGuid().ToString("N")[..12];
        string Fill(string text) => text
            .Replace("{client}", clientId.ToString(), StringComparison.Ordinal)
            .Replace("{unique}", unique, StringComparison.Ordinal)
            .Replace("{c}", conversation.ConversationId.ToString(), StringComparison.Ordinal)
            .Replace("{m}", message.MessageId.ToString(), StringComparison.Ordinal)
            .Replace("{member}", member.Id.ToString(), StringComparison.Ordinal)
            .Replace("{outsider}", outsider.Id.ToString(), StringComparison.Ordinal)
            .Replace("{self}", (who ?? outsider).Id.ToString(), StringComparison.Ordinal);

        var method = route[..route.IndexOf(' ')];
        using var request = new HttpRequestMessage(new HttpMethod(method), Fill(route[(route.IndexOf(' ') + 1)..]));
        if (row.Body is { } body)
        {
            request.Content = new StringContent(Fill(body), System.Text.Encoding.UTF8, "application/json");
        }

        using var client = who is null ? factory.CreateClient() : factory.CreateClient(who);
        using var response = await client.SendAsync(request);

        Assert.True(expected == (int)response.StatusCode, $"{caller} on {route}: expected {expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        if (expected >= 400)
        {
            // A refusal changes nothing: the conversation and its message are as they were.
            var after = await ApiAssert.OkAsync<ConversationView>(await owners.GetAsync($"/api/conversations/{conversation.ConversationId}/"));
            Assert.Equal((conversation.Title, 3), (after.Title, after.Participants.Count));
            Assert.Equal("the owner's message", (await ApiAssert.OkAsync<MessageView>(
                await owners.GetAsync($"/api/conversations/{conversation.ConversationId}/messages/{message.MessageId}/"))).MessageBody);
        }
    }
}
