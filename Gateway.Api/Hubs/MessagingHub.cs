using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.Events;
using Gateway.Api.Problems;
using Gateway.Api.RateLimiting;
using Grains.Interfaces;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Orleans;

namespace Gateway.Api.Hubs;

/// <summary>
/// The SignalR hub at <c>/hubs/messaging</c>, for apps that want WebSockets: the caller's live events, as
/// on <c>GET /api/events/</c> (the hub method is the event type; its arguments are the event's data and
/// its cursor), and sending and marking read through the same grains as the HTTP API. Connect with
/// <c>?last_event_id=CURSOR</c> to resume.
/// </summary>
[Authorize]
public sealed class MessagingHub(IGrainFactory grains, HubEventPumps pumps, ClusterThrottle throttle, AuditRecorder audit) : Hub
{
    public const string Path = "/hubs/messaging";

    public override Task OnConnectedAsync()
    {
        var query = Context.GetHttpContext()?.Request.Query;
        return pumps.StartAsync(Context, CallerId, ServerSentEvents.ParseCursor(query?["last_event_id"].FirstOrDefault()));
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        pumps.Stop(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Sends a message; the answer is the message, as POST /api/conversations/{id}/messages/ answers.</summary>
    public Task<MessageView> SendMessage(Guid conversationId, string messageBody, string? clientMessageId = null) =>
        HubCalls.RunAsync(async () =>
        {
            // The same per-user send limit as the HTTP route, counted together with it.
            if (await throttle.CountSendByAsync(CallerId) is { Allowed: false } refused)
            {
                throw new HubException($"429: Too many messages sent; retry after {ApiProblems.RetryAfterSeconds(refused.RetryAfter ?? TimeSpan.FromSeconds(1))} s.");
            }

            var result = await grains.GetGrain<IConversationGrain>(conversationId).SendAsync(CallerId, new SendMessage(messageBody, clientMessageId));
            return result.Message;
        },
        () => Denied(conversationId, nameof(SendMessage)));

    /// <summary>Moves the caller's read marker forward, as PUT /api/conversations/{id}/read/ does.</summary>
    public Task<ReadMarker> MarkRead(Guid conversationId, long seq) =>
        HubCalls.RunAsync(
            () => grains.GetGrain<IConversationGrain>(conversationId).MarkReadAsync(CallerId, seq),
            () => Denied(conversationId, nameof(MarkRead)));

    private void Denied(Guid conversationId, string method) =>
        audit.Record(AuditEventTypes.AccessDenied, CallerId, CallerId, conversationId, $"hub {method}");

    private Guid CallerId => Guid.Parse(Context.User!.FindFirst(TokenClaims.Subject)!.Value);
}
