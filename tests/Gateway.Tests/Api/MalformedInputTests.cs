using System.Net;
using System.Net.Http.Headers;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

/// <summary>Hostile and broken requests get a 4xx problem, never a 500, and change nothing.</summary>
[Collection(GatewayCollection.Name)]
public class MalformedInputTests(GatewayFactory factory)
{
    private const int Limit = 65_536;

    public static TheoryData<string, string, string?, string, int> Requests()
    {
        var big = $"{{\"message_body\":\"{new string('x', Limit)}\"}}";
        var data = new TheoryData<string, string, string?, string, int>
        {
            // method, path (with {c} for the conversation, {m} for a message), content type, body, expected status
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": ", 400 },
            { "POST", "{c}/messages/", "application/json", "{bad json}", 400 },
            { "POST", "{c}/messages/", "application/json", "[]", 400 },
            { "POST", "{c}/messages/", "application/json", "\"just a string\"", 400 },
            { "POST", "{c}/messages/", "application/json", "null", 400 },
            { "POST", "{c}/messages/", "application/json", "", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": 42}", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": [\"a\"]}", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": {\"a\": 1}}", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": \"hi\", \"client_message_id\": 7}", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": null}", 400 },
            { "POST", "{c}/messages/", "application/json", "{\"message_body\": \"\\ud800\"}", 400 },
            { "POST", "{c}/messages/", "text/plain", "{\"message_body\": \"hi\"}", 415 },
            { "POST", "{c}/messages/", "application/xml", "<message_body>hi</message_body>", 415 },
            { "POST", "{c}/messages/", "application/x-www-form-urlencoded", "message_body=hi", 415 },
            { "POST", "{c}/messages/", null, "{\"message_body\": \"hi\"}", 415 },
            { "POST", "{c}/messages/", "application/json", big, 413 },
            { "PATCH", "{c}/messages/{m}/", "application/json", "{\"message_body\": true}", 400 },
            { "PATCH", "{c}/messages/{m}/", "text/plain", "changed", 415 },
            { "PATCH", "{c}/", "application/json", "{\"title\": 3.5}", 400 },
            { "POST", "{c}/participants/", "application/json", "{\"user_id\": \"not-a-uuid\"}", 400 },
            { "POST", "{c}/participants/", "application/json", "{\"user_id\": 12}", 400 },
            { "POST", "", "application/json", "{\"participants\": \"everyone\"}", 400 },
            { "POST", "", "application/json", "{\"participants\": [null]}", 400 },
            { "POST", "", "application/json", "{\"participants\": [{}]}", 400 },
            { "GET", "not-a-uuid/", null, "", 404 },
            { "GET", "{c}/messages/not-a-uuid/", null, "", 404 },
            { "GET", "{c}x/messages/", null, "", 404 },
            { "DELETE", "{c}/participants/42/", null, "", 404 },
            { "GET", "{c}/messages/?page=1e9", null, "", 400 },
            { "GET", "{c}/messages/?page_size=%00", null, "", 400 },
            { "GET", "{c}/messages/?sent_after=%FF%FE", null, "", 400 },
            { "GET", "{c}/messages/?sender=%27%20OR%201=1", null, "", 400 },
            { "GET", "{c}/messages/?after_seq=99999999999999999999999", null, "", 400 },
            { "PUT", "{c}/", "application/json", "{}", 405 },
        };
        return data;
    }

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task HostileInputIsA4xxProblemAndChangesNothing(string method, string path, string? contentType, string body, int status)
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);
        var conversation = await client.CreateConversationAsync(bob);
        var message = await client.SendAsync(conversation.ConversationId, "original");
        var before = await client.PageAsync<ConversationView>("/api/conversations/");

        var url = "/api/conversations/" + path
            .Replace("{c}", conversation.ConversationId.ToString(), StringComparison.Ordinal)
            .Replace("{m}", message.MessageId.ToString(), StringComparison.Ordinal);
        using var request = new HttpRequestMessage(new HttpMethod(method), url);
        if (method is "POST" or "PATCH" or "PUT")
        {
            request.Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(body));
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = new MediaTypeHeaderValue(contentType);
            }
        }

        using var response = await client.SendAsync(request);
        await ApiAssert.ProblemAsync(response, (HttpStatusCode)status);

        var messages = await client.PageAsync<MessageView>($"/api/conversations/{conversation.ConversationId}/messages/");
        Assert.Equal([message], messages.Results);
        var after = await client.PageAsync<ConversationView>("/api/conversations/");
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(conversation.Title, after.Results.Single().Title);
    }

    [Fact]
    public async Task AnOversizeChunkedBodyIs413()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);
        var conversation = await client.CreateConversationAsync(bob);
        var url = $"/api/conversations/{conversation.ConversationId}/messages/";

        static HttpContent Chunked(string json)
        {
            var content = new StreamContent(new NonSeekableStream(System.Text.Encoding.UTF8.GetBytes(json)));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            return content;
        }

        using var big = await client.PostAsync(url, Chunked($"{{\"message_body\":\"{new string('x', Limit)}\"}}"));
        await ApiAssert.ProblemAsync(big, HttpStatusCode.RequestEntityTooLarge);
        using var small = await client.PostAsync(url, Chunked("{\"message_body\":\"fits\"}"));
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
        Assert.Equal(1, (await client.PageAsync<MessageView>(url)).Count);
    }

    [Fact]
    public async Task ABodyOfExactlyTheLimitIsRead()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient(alice);
        var prefix = "{\"first_name\":\"";
        var suffix = "\"}";
        var json = prefix + new string(' ', Limit - prefix.Length - suffix.Length) + suffix;
        Assert.Equal(Limit, json.Length);
        using var response = await client.PatchAsync("/api/users/me/", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.True((int)response.StatusCode < 500, $"{response.StatusCode}");
    }

    [Fact]
    public async Task UnauthenticatedHostileRequestsAre4xxToo()
    {
        using var client = factory.CreateClient();
        string[] paths = ["/api/register/", "/api/token/", "/api/token/refresh/", "/api/token/verify/", "/api/token/blacklist/"];
        string[] bodies = ["{", "[]", "null", "{\"username\": 1, \"password\": {}}", "{\"refresh\": 5, \"token\": []}", "\u0000"];
        foreach (var path in paths)
        {
            foreach (var body in bodies)
            {
                using var response = await client.PostRawAsync(path, body);
                Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} {body}: {response.StatusCode}");
                await ApiAssert.ProblemAsync(response, response.StatusCode);
            }

            await ApiAssert.ProblemAsync(await client.PostRawAsync(path, "{}", "text/plain"), HttpStatusCode.UnsupportedMediaType);
        }
    }

    [Fact]
    public async Task UnknownRoutesAreProblemsToo()
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/nothing-here/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.DeleteAsync("/api/register/"), HttpStatusCode.MethodNotAllowed);
    }

    private sealed class NonSeekableStream(byte[] data) : MemoryStream(data)
    {
        public override bool CanSeek => false;

        public override long Length => throw new NotSupportedException();
    }
}
