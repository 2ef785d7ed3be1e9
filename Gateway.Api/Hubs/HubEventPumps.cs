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

    public void Start(HubCallerContext connection, Guid userId, long? lastEventId)
    {
        var stop = CancellationTokenSource.CreateLinkedTokenSource(connection.ConnectionAborted);
        _pumps[connection.ConnectionId] = stop;
        _ = PumpAsync(connection, userId, lastEventId, stop.Token);
    }

    public void Stop(string connectionId)
    {
        if (_pumps.TryRemove(connectionId, out var stop))
        {
            stop.Cancel();
            stop.Dispose();
        }
    }

    private async Task PumpAsync(HubCallerContext connection, Guid userId, long? lastEventId, CancellationToken cancellationToken)
    {
        var client = hub.Clients.Client(connection.ConnectionId);
        try
        {
            using var subscription = await feeds.ConnectAsync(userId);
            await foreach (var userEvent in subscription.ReadAsync(lastEventId, NoIdleMarkers, cancellationToken))
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
