using System.Text.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Gateway.Tests.Api;

/// <summary>The SignalR hub at /hubs/messaging, through Microsoft.AspNetCore.SignalR.Client over the test server.</summary>
[Collection(GatewayCollection.Name)]
public class MessagingHubTests(GatewayFactory factory)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(5);

    /// <summary>A hub connection as <paramref name="user"/> (null: no token), over long polling or WebSockets.</summary>
    private async Task<HubConnection> ConnectAsync(TestUser? user, HttpTransportType transport = HttpTransportType.LongPolling, string query = "")
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/messaging" + query), options =>
            {
                options.Transports = transport;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                if (transport == HttpTransportType.WebSockets)
                {
                    options.SkipNegotiation = true;
                    // As browsers do, which cannot set headers on a WebSocket: the token goes in the query.
                    options.WebSocketFactory = async (context, cancellationToken) =>
                    {
                        var uri = user is null ? context.Uri : new UriBuilder(context.Uri)
                        {
                            Query = $"{context.Uri.Query.TrimStart('?')}&access_token={factory.Tokens.Access(user)}".TrimStart('&'),
                        }.Uri;
                        return await factory.Server.CreateWebSocketClient().ConnectAsync(uri, cancellationToken);
                    };
                }

                if (user is not null)
                {
                    options.AccessTokenProvider = () => Task.FromResult<string?>(factory.Tokens.Access(user));
                }
            })
            .Build();

        // Handlers go on before the connection starts: a resumed connection gets its missed events at once.
        _recorders.Add(connection, Record(connection));
        await connection.StartAsync();
        return connection;
    }

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<HubConnection, EventRecorder> _recorders = new();

    private EventRecorder Received(HubConnection connection) => _recorders.TryGetValue(connection, out var recorder) ? recorder : throw new InvalidOperationException();

    /// <summary>Records every event the hub sends, by method name, with its data and cursor.</summary>
    private static EventRecorder Record(HubConnection connection)
    {
        var recorder = new EventRecorder();
        foreach (var type in new[]
        {
            UserEventTypes.MessageCreated, UserEventTypes.MessageUpdated, UserEventTypes.MessageDeleted, UserEventTypes.ConversationCreated,
            UserEventTypes.ConversationUpdated, UserEventTypes.ConversationDeleted, UserEventTypes.ReadUpdated, UserEventTypes.Resync,
        })
        {
            connection.On<JsonElement, string>(type, (data, cursor) => recorder.Add(type, data, cursor));
        }

        return recorder;
    }

    [Theory]
    [InlineData(HttpTransportType.LongPolling)]
    [InlineData(HttpTransportType.WebSockets)]
    public async Task TheHubDeliversTheSameEventsAsTheStreamAndSendsThroughTheGrains(HttpTransportType transport)
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));

        // From bob's first event on, whenever the hub attaches him: a connection without a cursor starts at the moment the
        // hub has attached it, which the client sees only through its first call, and this test's first event comes over HTTP.
        await using var bobs = await ConnectAsync(bob, transport, "?last_event_id=0");
        var received = Received(bobs);
        await using var alices = await ConnectAsync(alice, transport);
        using var http = factory.CreateClient(alice);
        var conversation = await http.CreateConversationAsync(bob);

        var sent = await alices.InvokeAsync<MessageView>("SendMessage", conversation.ConversationId, "over the hub", "hub-1");
        var marker = await bobs.InvokeAsync<ReadMarker>("MarkRead", conversation.ConversationId, sent.Seq);

        var events = await received.TakeAsync(3, Wait);
        Assert.Equal([UserEventTypes.ConversationCreated, UserEventTypes.MessageCreated, UserEventTypes.ReadUpdated], events.Select(e => e.Type));
        Assert.Equal(("over the hub", 1L), (events[1].Data.GetProperty("message_body").GetString(), events[1].Data.GetProperty("seq").GetInt64()));
        Assert.Equal(["1", "2", "3"], events.Select(e => e.Cursor));
        Assert.Equal(new ReadMarker(conversation.ConversationId, 1, 0), marker);
        var stored = await http.PageAsync<MessageView>($"/api/conversations/{conversation.ConversationId}/messages/");
        Assert.Equal([sent], stored.Results);
    }

    [Fact]
    public async Task ConnectingWithLastEventIdResumesAfterIt()
    {
        var (alice, bob) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"));
        using var http = factory.CreateClient(alice);
        var conversation = await http.CreateConversationAsync(bob);
        await http.SendAsync(conversation.ConversationId, "one");
        await http.SendAsync(conversation.ConversationId, "two");

        await using var bobs = await ConnectAsync(bob, query: "?last_event_id=2");
        var received = Received(bobs);

        var events = await received.TakeAsync(1, Wait);
        Assert.Equal(("3", "two"), (events[0].Cursor, events[0].Data.GetProperty("message_body").GetString()));
    }

    [Fact]
    public async Task AStrangerCannotSendOrMarkReadThroughTheHub()
    {
        var (alice, bob, mallory) = (await factory.RegisterAsync("alice"), await factory.RegisterAsync("bob"), await factory.RegisterAsync("mallory"));
        var conversation = await factory.CreateClient(alice).CreateConversationAsync(bob);
        await using var mallorys = await ConnectAsync(mallory);
        var received = Received(mallorys);

        var send = await Assert.ThrowsAsync<HubException>(() => mallorys.InvokeAsync<MessageView>("SendMessage", conversation.ConversationId, "let me in", null));
        var mark = await Assert.ThrowsAsync<HubException>(() => mallorys.InvokeAsync<ReadMarker>("MarkRead", conversation.ConversationId, 1L));
        await factory.CreateClient(alice).SendAsync(conversation.ConversationId, "private");

        Assert.Contains("403", send.Message, StringComparison.Ordinal);
        Assert.Contains("403", mark.Message, StringComparison.Ordinal);
        Assert.Empty(await received.TakeAsync(1, TimeSpan.FromMilliseconds(500), require: false));

        // Both refusals are in the audit trail, with the conversation.
        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var (_, denied) = await AuditTrail.WaitAsync(
            admin, $"user_id={mallory.Id}&event=access.denied", found => found.Count >= 2);
        Assert.Equal(["hub MarkRead", "hub SendMessage"], denied.Select(e => e.Detail!).Order(StringComparer.Ordinal));
        Assert.All(denied, e => Assert.Equal(conversation.ConversationId, e.ConversationId));
    }

    [Fact]
    public async Task TheHubRefusesAConnectionWithoutAValidToken()
    {
        var error = await Assert.ThrowsAnyAsync<HttpRequestException>(() => ConnectAsync(null));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
    }

    [Fact]
    public async Task ATokenInTheQueryIsAcceptedOnlyByTheHub()
    {
        var bob = await factory.RegisterAsync("bob");
        var token = factory.Tokens.Access(bob);
        using var anonymous = factory.CreateClient();

        using var negotiate = await anonymous.PostAsync($"/hubs/messaging/negotiate?negotiateVersion=1&access_token={token}", null);
        using var api = await anonymous.GetAsync($"/api/users/me/?access_token={token}");

        Assert.Equal(System.Net.HttpStatusCode.OK, negotiate.StatusCode);
        await ApiAssert.UnauthorizedAsync(api);
    }

    private sealed class EventRecorder
    {
        private readonly List<(string Type, JsonElement Data, string Cursor)> _events = [];
        private readonly SemaphoreSlim _arrived = new(0);

        public void Add(string type, JsonElement data, string cursor)
        {
            lock (_events)
            {
                _events.Add((type, data.Clone(), cursor));
            }

            _arrived.Release();
        }

        public async Task<List<(string Type, JsonElement Data, string Cursor)>> TakeAsync(int count, TimeSpan wait, bool require = true)
        {
            var deadline = DateTime.UtcNow + wait;
            for (var i = 0; i < count; i++)
            {
                var remaining = deadline - DateTime.UtcNow;
                if (remaining <= TimeSpan.Zero || !await _arrived.WaitAsync(remaining))
                {
                    Assert.False(require, $"Only {i} of {count} events arrived.");
                    break;
                }
            }

            lock (_events)
            {
                return [.. _events.OrderBy(e => long.Parse(e.Cursor, System.Globalization.CultureInfo.InvariantCulture))];
            }
        }
    }
}
