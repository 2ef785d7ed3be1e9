using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Web.Tests.Infrastructure;

/// <summary>Prepares data through the HTTP API, for the tests whose subject is not how that data came to be.</summary>
public sealed class ApiSeeder(Uri gateway) : IDisposable
{
    public const string Password = "Corr3ct-Horse-Battery";

    private readonly HttpClient _http = new() { BaseAddress = gateway, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A username no other test uses: the given name and a random suffix.</summary>
    public static string UniqueName(string name) => $"{name}_{Guid.NewGuid():N}"[..(name.Length + 9)];

    /// <summary>Registers <paramref name="username"/> and returns its user id.</summary>
    public async Task<string> RegisterAsync(string username)
    {
        using var response = await _http.PostAsJsonAsync("/api/register/", new { username, email = $"{username}@example.com", password = Password });
        return (await ReadAsync(response)).GetProperty("user_id").GetString()!;
    }

    /// <summary>A conversation that <paramref name="creator"/> starts with <paramref name="others"/>; returns its id.</summary>
    public async Task<string> CreateConversationAsync(string creator, string? title, params string[] others)
    {
        using var request = await AuthorizedAsync(HttpMethod.Post, "/api/conversations/", creator);
        request.Content = JsonContent.Create(new { participants = others, title });
        using var response = await _http.SendAsync(request);
        return (await ReadAsync(response)).GetProperty("conversation_id").GetString()!;
    }

    /// <summary>Sends <paramref name="bodies"/> one after another as <paramref name="sender"/>.</summary>
    public async Task SendAsync(string sender, string conversationId, params string[] bodies)
    {
        var token = await TokenAsync(sender);
        foreach (var body in bodies)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/conversations/{conversationId}/messages/")
            {
                Content = JsonContent.Create(new { message_body = body, client_message_id = Guid.NewGuid().ToString() }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            await ReadAsync(response);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpRequestMessage> AuthorizedAsync(HttpMethod method, string path, string username)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(username));
        return request;
    }

    private async Task<string> TokenAsync(string username)
    {
        using var response = await _http.PostAsJsonAsync("/api/token/", new { username, password = Password });
        return (await ReadAsync(response)).GetProperty("access").GetString()!;
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
