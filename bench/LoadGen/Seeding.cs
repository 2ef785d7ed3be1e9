using System.Net.Http.Json;
using System.Text.Json;

namespace LoadGen;

/// <summary>A user it registered, with the token it logged in with and the conversations it is in.</summary>
internal sealed record SeededUser(string Username, Guid UserId, string AccessToken, List<Guid> Conversations);

/// <summary>Creates the users, conversations and messages the run works on, through the API.</summary>
internal static class Seeding
{
    public static async Task<List<SeededUser>> SeedAsync(HttpClient http, Options options)
    {
        var run = Guid.NewGuid().ToString("N")[..8];
        var users = new SeededUser[options.SeedUsers];

        // Registration and login hash a password (about 85 ms of server CPU each): a few at a time.
        await Parallel.ForAsync(0, options.SeedUsers, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var username = $"loadgen_{run}_{i:D5}";
            var registered = await PostAsync(http, "api/register/", null, new
            {
                username,
                email = $"{username}@loadgen.example",
                password = options.Password,
                first_name = "Load",
                last_name = "Gen",
            }, ct);
            var token = await PostAsync(http, "api/token/", null, new { username, password = options.Password }, ct);
            users[i] = new SeededUser(username, registered.GetProperty("user_id").GetGuid(), token.GetProperty("access").GetString()!, []);
        });

        var random = new Random(42);
        var conversations = new List<(Guid Id, SeededUser Owner)>();
        for (var c = 0; c < options.SeedConversations; c++)
        {
            var members = users.OrderBy(_ => random.Next()).Take(random.Next(2, Math.Min(5, users.Length) + 1)).ToList();
            var created = await PostAsync(http, "api/conversations/", members[0].AccessToken, new
            {
                participants = members.Skip(1).Select(m => m.UserId).ToArray(),
                title = $"loadgen {c}",
            }, CancellationToken.None);
            var id = created.GetProperty("conversation_id").GetGuid();
            members.ForEach(m => m.Conversations.Add(id));
            conversations.Add((id, members[0]));
        }

        await Parallel.ForEachAsync(conversations, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (conversation, ct) =>
        {
            for (var m = 1; m <= options.SeedMessages; m++)
            {
                await PostAsync(http, $"api/conversations/{conversation.Id}/messages/", conversation.Owner.AccessToken, new { message_body = $"seed message {m}" }, ct);
            }
        });

        return [.. users];
    }

    private static async Task<JsonElement> PostAsync(HttpClient http, string path, string? token, object body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return response.IsSuccessStatusCode
            ? JsonDocument.Parse(text).RootElement.Clone()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text[..Math.Min(text.Length, 300)]}");
    }
}
