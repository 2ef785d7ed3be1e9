using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Api;

/// <summary>
/// Hundreds of hostile requests generated from the gateway's own route table (so that a new route is
/// attacked too): hostile tokens, path values, query numbers and bodies, and SQL-like and control
/// characters in every field of the body routes. Every one must be a 4xx, never a 2xx or a 5xx, and
/// afterwards everything stored is as it was.
/// </summary>
[Collection(GatewayCollection.Name)]
public class HostileInputSuiteTests(GatewayFactory factory)
{
    private static readonly string[] HostilePathValues =
    [
        "..%2F..%2Fetc%2Fpasswd", "%27%20OR%201%3D1%20--", "00000000-0000-0000-0000-000000000000", new string('9', 400), "-1", "%2500", "%E2%80%AE",
    ];

    private static readonly string[] HostileNumbers = ["-1", "-99999999999999999999", "99999999999999999999", "1e309", "0x10", "NaN", "0", "1.5", "%00", "%27"];

    private static readonly string[] HostileStrings =
    [
        "'; DROP TABLE grain_state; --", "\" OR \"1\"=\"1", "\u0000", "\u0007\u001b[31m", "../../etc/passwd", "<script>alert(1)</script>",
        "${jndi:ldap://x}", "\u202Eevil", new string('a', 5000),
    ];

    private static readonly Dictionary<string, string> BodyTemplates = new(StringComparer.Ordinal)
    {
        ["POST /api/register"] = """{"username":"hostile_user","email":"hostile@example.com","password":"Corr3ct-Horse-Battery","first_name":"H","last_name":"U"}""",
        ["POST /api/token"] = """{"username":"nobody_here","password":"wrong"}""",
        ["POST /api/token/refresh"] = """{"refresh":"not-a-token"}""",
        ["POST /api/token/verify"] = """{"token":"not-a-token"}""",
        ["POST /api/token/blacklist"] = """{"refresh":"not-a-token"}""",
        ["POST /api/conversations"] = """{"participants":["{bob}"],"title":"t"}""",
        ["PATCH /api/conversations/{conversationId:guid}"] = """{"title":"t"}""",
        ["POST /api/conversations/{conversationId:guid}/participants"] = """{"user_id":"{bob}","role":"member"}""",
        ["POST /api/conversations/{conversationId:guid}/messages"] = """{"message_body":"hi","client_message_id":"c"}""",
        ["PATCH /api/conversations/{conversationId:guid}/messages/{messageId:guid}"] = """{"message_body":"hi"}""",
        ["PUT /api/conversations/{conversationId:guid}/read"] = """{"seq":1}""",
    };

    /// <summary>Routes that take a body but need nothing from it: logging out ends the login of the session cookie, whatever is sent.</summary>
    private static readonly HashSet<string> BodiesIgnored = new(StringComparer.Ordinal) { "POST /api/session/logout" };

    /// <summary>Free text that a user may legitimately set on something of their own: checked to be stored literally instead.</summary>
    private static readonly HashSet<string> FreeText = new(StringComparer.Ordinal) { "POST /api/conversations title" };

    private readonly List<string> _failures = [];
    private int _cases;

    private sealed record Canary(TestUser Alice, TestUser Bob, TestUser Mallory, Guid Conversation, Guid Message);

    [Fact]
    public async Task EveryGeneratedHostileRequestIsA4xxAndChangesNothing()
    {
        var canary = await CanaryAsync();
        var before = await SnapshotAsync(canary);

        var endpoints = ApiEndpoints();
        foreach (var (method, pattern, endpoint) in endpoints)
        {
            await AttackRouteAsync(canary, method, pattern, endpoint);
        }

        await AttackTokensAsync(canary);
        await AttackFieldsAsync(canary);

        await StoreFreeTextLiterallyAsync();

        Assert.True(_cases >= 300, $"only {_cases} cases were generated");
        Assert.True(_failures.Count == 0, $"{_failures.Count} of {_cases} hostile requests were not a 4xx:\n{string.Join('\n', _failures.Take(40))}");
        Assert.Equal(before, await SnapshotAsync(canary));
    }

    /// <summary>Every /api route of the running gateway, with its method, except the endless event stream (attacked with close_after).</summary>
    private List<(string Method, string Pattern, RouteEndpoint Endpoint)> ApiEndpoints() =>
        [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Select(m => (m, e.RoutePattern.RawText!.TrimEnd('/'), e)))
            .Distinct()];

    private async Task AttackRouteAsync(Canary canary, string method, string pattern, RouteEndpoint endpoint)
    {
        var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is null;
        var url = Fill(pattern, canary, hostile: null) + (pattern == "/api/events" ? "/?close_after=1" : "/");
        var takesBody = endpoint.Metadata.GetMetadata<IAcceptsMetadata>() is not null && !BodiesIgnored.Contains($"{method} {pattern}");

        if (!anonymous)
        {
            await ExpectAsync($"{method} {url} anonymous", null, method, url, null, null);
        }

        // Hostile path values, as a user who is no participant of the canary conversation.
        foreach (var parameter in endpoint.RoutePattern.Parameters)
        {
            foreach (var value in HostilePathValues)
            {
                var hostileUrl = Fill(pattern, canary, (parameter.Name, value)) + "/";
                await ExpectAsync($"{method} {hostileUrl}", canary.Mallory, method, hostileUrl, takesBody ? "{}" : null, "application/json");
            }
        }

        if (takesBody)
        {
            var who = anonymous ? null : canary.Mallory;
            var nested = new string('[', 5000) + new string(']', 5000);
            var bodies = new (string Name, byte[] Body, string ContentType)[]
            {
                ("deeply nested", Encoding.UTF8.GetBytes(nested), "application/json"),
                ("over 64 KiB", Encoding.UTF8.GetBytes($"{{\"x\":\"{new string('x', 70_000)}\"}}"), "application/json"),
                ("a JSON array", "[1,2,3]"u8.ToArray(), "application/json"),
                ("a JSON string", "\"text\""u8.ToArray(), "application/json"),
                ("JSON null", "null"u8.ToArray(), "application/json"),
                ("truncated JSON", "{\"a\": "u8.ToArray(), "application/json"),
                ("XML", "<a>1</a>"u8.ToArray(), "application/xml"),
            };
            foreach (var (name, body, contentType) in bodies)
            {
                await ExpectAsync($"{method} {url} {name}", who, method, url, body, contentType);
            }

            // Invalid UTF-8 where the route reads (a property it ignores is skipped unread, as JSON parsers do).
            if (BodyTemplates.TryGetValue($"{method} {pattern}", out var template))
            {
                var field = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(template)!.Keys.First();
                byte[] invalid = [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\""), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}"u8];
                await ExpectAsync($"{method} {url} invalid UTF-8 in {field}", who, method, url, invalid, "application/json");
            }
        }

        if (method == "GET" && IsList(endpoint))
        {
            // Numbers out of every range in the paging parameters, as someone who may list.
            foreach (var parameter in new[] { "page", "page_size" }.Concat(pattern.EndsWith("/messages", StringComparison.Ordinal) ? ["after_seq", "before_seq"] : []))
            {
                // A page_size past the maximum is clamped, and seq bounds of 0 are valid: not hostile.
                foreach (var number in HostileNumbers.Where(n => !(parameter == "page_size" && n == "99999999999999999999") && !(parameter.EndsWith("_seq", StringComparison.Ordinal) && n == "0")))
                {
                    var query = $"{url}?{parameter}={number}";
                    await ExpectAsync($"GET {query}", canary.Alice, "GET", query, null, null);
                }
            }
        }
    }

    private async Task AttackTokensAsync(Canary canary)
    {
        var tokens = factory.Tokens;
        var claims = TestTokens.AccessClaims(canary.Alice);
        var valid = tokens.Access(canary.Alice);
        var header = new Func<string, string>(json => Base64UrlEncoder.Encode(json));
        var payload = valid.Split('.')[1];
        var signature = valid.Split('.')[2];
        var hostile = new List<(string Name, string Token)>
        {
            ("alg none", tokens.Unsigned(claims)),
            ("alg None", $"{header("{\"alg\":\"None\",\"typ\":\"JWT\"}")}.{payload}."),
            ("alg NONE with signature", $"{header("{\"alg\":\"NONE\"}")}.{payload}.{signature}"),
            ("alg HS512 header on an HS256 signature", $"{header("{\"alg\":\"HS512\",\"typ\":\"JWT\"}")}.{payload}.{signature}"),
            ("alg RS256 header on an HS256 signature", $"{header("{\"alg\":\"RS256\",\"typ\":\"JWT\"}")}.{payload}.{signature}"),
            ("another secret", tokens.Sign(claims, key: "an-attackers-secret-of-thirty-two-bytes!")),
            ("empty signature", $"{valid[..valid.LastIndexOf('.')]}."),
            ("signature of another token", $"{valid[..valid.LastIndexOf('.')]}.{tokens.Access(canary.Bob).Split('.')[2]}"),
            ("payload swapped to bob", $"{valid.Split('.')[0]}.{tokens.Access(canary.Bob).Split('.')[1]}.{signature}"),
            ("four segments", valid + ".AAAA"),
            ("two segments", valid[..valid.LastIndexOf('.')]),
            ("not base64", "!!!.@@@.###"),
            ("JWE-looking", "a.b.c.d.e"),
            ("oversized", valid + new string('A', 40_000)),
            ("huge header", $"{header("{\"alg\":\"HS256\",\"x\":\"" + new string('x', 20_000) + "\"}")}.{payload}.{signature}"),
            ("sub as a number", tokens.Sign(new Dictionary<string, object>(claims) { ["sub"] = 12345 })),
            ("sub SQL-like", tokens.Sign(new Dictionary<string, object>(claims) { ["sub"] = "' OR 1=1 --" })),
            ("exp far in the past", tokens.Sign(claims, issuedAt: DateTime.UtcNow.AddYears(-5))),
            ("lifetime of zero", tokens.Sign(claims, lifetime: TimeSpan.Zero, issuedAt: DateTime.UtcNow.AddMinutes(-1))),
        };
        foreach (var kid in new[] { "../../../../etc/passwd", "' UNION SELECT 1 --", "\u0000", "http://attacker.example/jwks.json", new string('k', 8000), "" })
        {
            hostile.Add(($"kid {kid[..Math.Min(kid.Length, 20)]}", $"{header(JsonSerializer.Serialize(new { alg = "HS256", typ = "JWT", kid }))}.{payload}.{signature}"));
        }

        for (var cut = 1; cut <= 12; cut++)
        {
            hostile.Add(($"truncated at {cut * valid.Length / 13}", valid[..(cut * valid.Length / 13)]));
        }

        foreach (var (name, token) in hostile)
        {
            foreach (var url in new[] { "/api/conversations/", $"/api/conversations/{canary.Conversation}/messages/", "/api/events/?close_after=1" })
            {
                _cases++;
                using var request = new HttpRequestMessage(HttpMethod.Get, url);
                request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
                using var response = await factory.CreateClient().SendAsync(request);
                Check($"token {name} on {url}", response);
            }
        }
    }

    /// <summary>SQL-like, control and oversized strings, and wrong types, in every field of every body route.</summary>
    private async Task AttackFieldsAsync(Canary canary)
    {
        foreach (var (route, template) in BodyTemplates)
        {
            var method = route[..route.IndexOf(' ')];
            var url = Fill(route[(route.IndexOf(' ') + 1)..], canary, hostile: null) + "/";
            var anonymous = route.StartsWith("POST /api/register", StringComparison.Ordinal) || route.StartsWith("POST /api/token", StringComparison.Ordinal);
            var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(template.Replace("{bob}", canary.Bob.Id.ToString(), StringComparison.Ordinal))!;
            foreach (var field in fields.Keys)
            {
                var legitimate = FreeText.Contains($"{route} {field}") || (route == "POST /api/register" && field is "first_name" or "last_name" or "password");
                var replacements = (legitimate ? [] : HostileStrings.Select(s => JsonSerializer.SerializeToElement(s)))
                    .Concat([JsonSerializer.SerializeToElement(12345), JsonSerializer.SerializeToElement(new[] { 1 }), JsonSerializer.SerializeToElement(new { a = 1 }), JsonSerializer.SerializeToElement(true)]);
                foreach (var value in replacements)
                {
                    var body = new Dictionary<string, JsonElement>(fields) { [field] = value };
                    await ExpectAsync($"{route} {field}={Shorten(value.GetRawText())}", anonymous ? null : canary.Mallory, method, url,
                        JsonSerializer.SerializeToUtf8Bytes(body), "application/json");
                }
            }
        }
    }

    /// <summary>Hostile strings where they are legitimate free text (a title, a message) are stored and returned exactly as sent.</summary>
    private async Task StoreFreeTextLiterallyAsync()
    {
        var (zed, yan) = (await factory.RegisterAsync("zed"), await factory.RegisterAsync("yan"));
        using var client = factory.CreateClient(zed);
        foreach (var text in HostileStrings.Where(s => s.Length <= 200 && !s.Contains('\u0000', StringComparison.Ordinal)))
        {
            using var created = await client.PostAsync("/api/conversations/", JsonContent(new { participants = new[] { yan.Id }, title = text }));
            var conversation = await ApiAssert.OkAsync<ConversationView>(created, HttpStatusCode.Created);
            var sent = await client.SendAsync(conversation.ConversationId, text);
            var read = await ApiAssert.OkAsync<MessageView>(await client.GetAsync($"/api/conversations/{conversation.ConversationId}/messages/{sent.MessageId}/"));
            Assert.Equal((text, text), (conversation.Title, read.MessageBody));
        }
    }

    private static ByteArrayContent JsonContent(object value)
    {
        var content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(value));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private async Task ExpectAsync(string name, TestUser? user, string method, string url, object? body, string? contentType)
    {
        _cases++;
        using var client = user is null ? factory.CreateClient() : factory.CreateClient(user);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body as byte[] ?? Encoding.UTF8.GetBytes((string)body));
            request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType ?? "application/json");
        }

        using var response = await client.SendAsync(request);
        Check(name, response);
    }

    private void Check(string name, HttpResponseMessage response)
    {
        if ((int)response.StatusCode is < 400 or >= 500)
        {
            _failures.Add($"{(int)response.StatusCode} {name}");
        }
    }

    private static bool IsList(RouteEndpoint endpoint) =>
        endpoint.Metadata.OfType<IProducesResponseTypeMetadata>().Any(p => p.Type is { IsGenericType: true } type && type.GetGenericTypeDefinition().Name.StartsWith("Page", StringComparison.Ordinal));

    private static string Fill(string pattern, Canary canary, (string Name, string Value)? hostile)
    {
        var parsed = RoutePatternFactory.Parse(pattern);
        var url = pattern;
        foreach (var parameter in parsed.Parameters)
        {
            var value = hostile is { } h && h.Name == parameter.Name
                ? h.Value
                : parameter.Name switch
                {
                    "conversationId" => canary.Conversation.ToString(),
                    "messageId" => canary.Message.ToString(),
                    _ => canary.Bob.Id.ToString(),
                };
            var start = url.IndexOf("{" + parameter.Name, StringComparison.Ordinal);
            url = url[..start] + value + url[(url.IndexOf('}', start) + 1)..];
        }

        return url;
    }

    private static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "...";

    private async Task<Canary> CanaryAsync()
    {
        var (alice, bob, mallory) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("mallory"));
        using var client = factory.CreateClient(alice);
        var conversation = await client.CreateConversationAsync(bob);
        var message = await client.SendAsync(conversation.ConversationId, "the canary");
        await client.SendAsync(conversation.ConversationId, "and its friend");
        return new Canary(alice, bob, mallory, conversation.ConversationId, message.MessageId);
    }

    /// <summary>What the canary's users can see of everything they own, as JSON.</summary>
    private async Task<string> SnapshotAsync(Canary canary)
    {
        var parts = new List<string>();
        foreach (var user in new[] { canary.Alice, canary.Bob, canary.Mallory })
        {
            using var client = factory.CreateClient(user);
            parts.Add(await client.GetStringAsync("/api/users/me/"));
            parts.Add(await client.GetStringAsync("/api/conversations/"));
        }

        using var alice = factory.CreateClient(canary.Alice);
        parts.Add(await alice.GetStringAsync($"/api/conversations/{canary.Conversation}/messages/?page_size=100"));
        return string.Join('\n', parts);
    }
}
