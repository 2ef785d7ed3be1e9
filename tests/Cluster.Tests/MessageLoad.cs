using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Cluster.Tests;

/// <summary>
/// Users, conversations and concurrent senders over the HTTP API. Each message's body is unique
/// ("s{sender}-m{n}"), so stored messages can be matched with acknowledgements. Each sender retries a
/// failed send until it is acknowledged, with the same client_message_id, as a careful client would; or,
/// with <c>clientMessageIds: false</c>, without one, as a careless client would (then only the gateway's
/// own retries of calls that certainly did not run keep it exactly-once).
/// </summary>
public sealed class MessageLoad : IDisposable
{
    private static readonly TimeSpan RetryPause = TimeSpan.FromMilliseconds(100);
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = TimeSpan.FromSeconds(40) };
    private readonly IReadOnlyList<Uri> _gateways;
    private readonly List<(Guid UserId, string Token)> _users = [];
    private readonly List<(Guid ConversationId, int[] Users)> _conversations = [];

    private readonly bool _clientMessageIds;

    private MessageLoad(IReadOnlyList<Uri> gateways, bool clientMessageIds)
    {
        _gateways = gateways;
        _clientMessageIds = clientMessageIds;
    }

    public static async Task<MessageLoad> PrepareAsync(IReadOnlyList<Uri> gateways, int users, int conversations, bool clientMessageIds = true)
    {
        var load = new MessageLoad(gateways, clientMessageIds);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < users; i++)
        {
            var name = $"load{run}u{i}";
            var registered = await load.PostAsync(gateways[0], "/api/register/", null, new { username = name, email = $"{name}@example.com", password = "load-test-password" });
            var tokens = await load.PostAsync(gateways[0], "/api/token/", null, new { username = name, password = "load-test-password" });
            load._users.Add((registered["user_id"]!.GetValue<Guid>(), tokens["access"]!.GetValue<string>()));
        }

        for (var c = 0; c < conversations; c++)
        {
            int[] members = [c % users, (c + 1) % users];
            var created = await load.PostAsync(gateways[0], "/api/conversations/", load._users[members[0]].Token, new { participants = new[] { load._users[members[1]].UserId }, title = $"load {c}" });
            load._conversations.Add((created["conversation_id"]!.GetValue<Guid>(), members));
        }

        return load;
    }

    /// <summary>
    /// Runs <paramref name="senders"/> concurrent senders for <paramref name="duration"/>, calling
    /// <paramref name="disrupt"/> once after <paramref name="disruptAfter"/>; it calls the action it is
    /// given at the moment of the disruption itself.
    /// </summary>
    public async Task<LoadReport> RunAsync(int senders, TimeSpan duration, TimeSpan disruptAfter, Func<Action, Task> disrupt)
    {
        var report = new LoadReport();
        var end = DateTime.UtcNow + duration;
        var giveUp = end + TimeSpan.FromSeconds(45);
        var workers = Enumerable.Range(0, senders).Select(k => Task.Run(() => SendLoopAsync(k, report, end, giveUp))).ToList();

        await Task.Delay(disruptAfter);
        await disrupt(() => report.DisruptedAt = DateTime.UtcNow);
        await Task.WhenAll(workers);
        return report;
    }

    /// <summary>Every message of every conversation, in seq order.</summary>
    public async Task<Dictionary<Guid, List<JsonObject>>> ReadAllAsync()
    {
        var all = new Dictionary<Guid, List<JsonObject>>();
        foreach (var (conversationId, members) in _conversations)
        {
            var messages = new List<JsonObject>();
            for (var page = 1; ; page++)
            {
                var body = await GetAsync(_gateways[0], $"/api/conversations/{conversationId}/messages/?ordering=sent_at&page_size=100&page={page}", _users[members[0]].Token);
                messages.AddRange(body["results"]!.AsArray().Select(m => m!.AsObject()));
                if (body["next"] is null)
                {
                    break;
                }
            }

            all[conversationId] = messages;
        }

        return all;
    }

    /// <summary>The users (id and access token), in the order the conversations' member indexes refer to.</summary>
    public IReadOnlyList<(Guid UserId, string Token)> Users => _users;

    /// <summary>The conversations and the indexes of their two members in <see cref="Users"/>.</summary>
    public IReadOnlyList<(Guid ConversationId, int[] Users)> Conversations => _conversations;

    public void Dispose() => _http.Dispose();

    private async Task SendLoopAsync(int sender, LoadReport report, DateTime end, DateTime giveUp)
    {
        var (conversationId, members) = _conversations[sender % _conversations.Count];
        var token = _users[members[sender / _conversations.Count % members.Length]].Token;
        var gateway = _gateways[sender % _gateways.Count];
        for (var n = 0; DateTime.UtcNow < end; n++)
        {
            var clientMessageId = $"s{sender}-m{n}";
            while (true)
            {
                var started = DateTime.UtcNow;
                var (ack, failure) = await TrySendAsync(gateway, conversationId, token, clientMessageId);
                var ended = DateTime.UtcNow;
                lock (report)
                {
                    if (ack is not null)
                    {
                        report.Acks.Add(ack);
                        report.Successes.Add((conversationId, started, ended));
                    }
                    else
                    {
                        report.Failures.Add((conversationId, ended, failure!));
                    }
                }

                if (ack is not null)
                {
                    break;
                }

                if (ended > giveUp)
                {
                    throw new TimeoutException($"Sender {sender} could not get {clientMessageId} acknowledged: {failure}");
                }

                await Task.Delay(RetryPause);
            }
        }
    }

    private async Task<(Ack? Ack, string? Failure)> TrySendAsync(Uri gateway, Guid conversationId, string token, string key)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, $"/api/conversations/{conversationId}/messages/"))
            {
                Content = _clientMessageIds
                    ? JsonContent.Create(new { message_body = key, client_message_id = key })
                    : JsonContent.Create(new { message_body = key }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await _http.SendAsync(request);
            if (response.StatusCode is HttpStatusCode.Created or HttpStatusCode.OK)
            {
                var message = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
                return (new Ack(conversationId, key, message["message_id"]!.GetValue<Guid>(), message["seq"]!.GetValue<long>(), DateTime.UtcNow), null);
            }

            var detail = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode is >= 400 and < 500 and not 429)
            {
                throw new InvalidOperationException($"The gateway refused a valid send: {(int)response.StatusCode} {detail}");
            }

            return (null, $"{(int)response.StatusCode} {detail}");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            return (null, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private async Task<JsonObject> PostAsync(Uri gateway, string path, string? token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(gateway, path)) { Content = JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text)!.AsObject()
            : throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
    }

    private async Task<JsonObject> GetAsync(Uri gateway, string path, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(gateway, path));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(text, documentOptions: new JsonDocumentOptions())!.AsObject()
            : throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {text}");
    }
}
