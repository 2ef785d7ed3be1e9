using System.Net;
using System.Text.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class OperationsTests(GatewayFactory factory)
{
    public static TheoryData<string, string, string> Routes() => new()
    {
        { "post", "/api/register", "Register" },
        { "post", "/api/token", "ObtainToken" },
        { "post", "/api/token/refresh", "RefreshToken" },
        { "post", "/api/token/verify", "VerifyToken" },
        { "post", "/api/token/blacklist", "BlacklistToken" },
        { "get", "/api/users/me", "GetCurrentUser" },
        { "patch", "/api/users/me", "UpdateCurrentUser" },
        { "get", "/api/users", "FindUsers" },
        { "get", "/api/users/{userId}", "GetUser" },
        { "post", "/api/conversations", "CreateConversation" },
        { "get", "/api/conversations", "ListConversations" },
        { "get", "/api/conversations/{conversationId}", "GetConversation" },
        { "patch", "/api/conversations/{conversationId}", "RenameConversation" },
        { "delete", "/api/conversations/{conversationId}", "DeleteConversation" },
        { "post", "/api/conversations/{conversationId}/participants", "AddParticipant" },
        { "delete", "/api/conversations/{conversationId}/participants/{userId}", "RemoveParticipant" },
        { "post", "/api/conversations/{conversationId}/messages", "SendMessage" },
        { "get", "/api/conversations/{conversationId}/messages", "ListMessages" },
        { "get", "/api/conversations/{conversationId}/messages/{messageId}", "GetMessage" },
        { "patch", "/api/conversations/{conversationId}/messages/{messageId}", "EditMessage" },
        { "delete", "/api/conversations/{conversationId}/messages/{messageId}", "DeleteMessage" },
        { "post", "/api/session", "StartSession" },
        { "post", "/api/session/refresh", "RefreshSession" },
        { "post", "/api/session/logout", "EndSession" },
        { "get", "/.well-known/jwks.json", "GetJsonWebKeySet" },
    };

    private async Task<JsonElement> DocumentAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task TheOpenApiDocumentDescribesEveryRoute(string method, string path, string operationId)
    {
        var document = await DocumentAsync();
        var operation = document.GetProperty("paths").GetProperty(path).GetProperty(method);
        Assert.Equal(operationId, operation.GetProperty("operationId").GetString());
        var responses = operation.GetProperty("responses").EnumerateObject().Select(r => r.Name).ToList();
        Assert.Contains(responses, status => status.StartsWith('2'));
        Assert.Contains(responses, status => status.StartsWith('4'));

        var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
        var anonymous = !path.StartsWith("/api/", StringComparison.Ordinal) || path.StartsWith("/api/token", StringComparison.Ordinal)
            || path.StartsWith("/api/session", StringComparison.Ordinal) || path == "/api/register";
        Assert.Equal(!anonymous, secured);
        if (method is "post" or "patch")
        {
            Assert.True(operation.TryGetProperty("requestBody", out _), $"{method} {path} has no request body schema");
        }
    }

    [Fact]
    public async Task TheDocumentHasTheBearerSchemeAndSchemas()
    {
        var document = await DocumentAsync();
        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("Bearer");
        Assert.Equal("bearer", scheme.GetProperty("scheme").GetString());
        var schemas = document.GetProperty("components").GetProperty("schemas");
        foreach (var name in new[] { "UserView", "ConversationView", "MessageView", "TokenPair", "SendMessageRequest", "ProblemDetails" })
        {
            Assert.True(schemas.TryGetProperty(name, out _), $"schema {name} is missing");
        }

        Assert.True(schemas.GetProperty("MessageView").GetProperty("properties").TryGetProperty("client_message_id", out _));
        var listMessages = document.GetProperty("paths").GetProperty("/api/conversations/{conversationId}/messages").GetProperty("get");
        Assert.Equal(
            ["after_seq", "before_seq", "conversationId", "ordering", "page", "page_size", "sender", "sent_after", "sent_before"],
            listMessages.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()).Order());
        Assert.Contains("silent", document.GetProperty("info").GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SwaggerUiIsServed()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("swagger", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task HealthIsHealthy(string path)
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }
}
