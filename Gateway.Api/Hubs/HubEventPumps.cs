using System.Collections.Concurrent;
using Gateway.Api.Events;
using Microsoft.AspNetCore.SignalR;

namespace Gateway.Api.Hubs;

/// <summary>
/// For each hub connection, a loop that reads the user's events (<see cref="UserEventFeeds"/>) and sends
/// each to that connection. A connection that falls behind, or whose events cannot be read, is aborted;
/// the client reconnects with its last cursor.
/// </summary>
public sealed partial class HubEventPumps(UserEventFeeds feeds, IHubContext<MessagingHub> hub, ILogger<HubEventPumps> logger)
{
    private static readonly TimeSpan NoIdleMarkers = TimeSpan.FromDays(1);

    private readonly ConcurrentDictionary<string, CancellationTokenSource> _pumps = new();

    /// <summary>
    /// Attaches the connection to the user's events and fixes where they start (after <paramref name="lastEventId"/>,
    /// or the user's newest event now), then sends them from a loop of its own. Completes once attached, so that the
    /// hub handles the connection's first call only after that.
    /// </summary>
    public async Task StartAsync(HubCallerContext connection, Guid userId, long? lastEventId)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionAborted);
        var cancellationToken = stop.Token;
        _pumps[connection.ConnectionId] = stop;
        EventSubscription? subscription = null;
        try
        {
            subscription = await feeds.ConnectAsync(userId);
            var from = lastEventId ?? await subscription.CurrentCursorAsync();
            _ = PumpAsync(connection, subscription, from, cancellationToken);
        }
        catch (Exception exception)
        {
            // The user's events cannot be read now: the client reconnects.
            subscription?.Dispose();
            LogPumpFailed(exception, connection.ConnectionId);
            connection.Abort();
        }
    }

    public void Stop(string connectionId)
    {
        if (_pumps.TryRemove(connectionId, out var stop))
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    private async Task PumpAsync(HubCallerContext connection, EventSubscription subscription, long from, CancellationToken cancellationToken)
    {
        var client = hub.Clients.Client(connection.ConnectionId);
        try
        {
            using var attached = subscription;
            await foreach (var userEvent in subscription.ReadAsync(from, NoIdleMarkers, cancellationToken))
            {
                if (userEvent is not null)
                {
                    await client.SendAsync(userEvent.Type, userEvent.Data, userEvent.Cursor.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception exception)
        {
            LogPumpFailed(exception, connection.ConnectionId);
        }

        // The events ended without the client leaving (it fell behind, or the gateway is stopping): let it reconnect.
        connection.Abort();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The events of hub connection {ConnectionId} could not be delivered; closing it")]
    private partial void LogPumpFailed(Exception exception, string connectionId);
}
