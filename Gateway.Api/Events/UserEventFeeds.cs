using Grains.Interfaces;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.Events;

/// <summary>
/// The users with open event streams on this gateway, one <see cref="UserEventFeed"/> each. It renews every
/// feed's subscription each <see cref="EventStreamOptions.RenewInterval"/> and hands the user's newest cursor
/// to the connections, so that a lost notification, or a user grain that moved to another silo and forgot
/// its subscribers, costs a delay of at most that long and never an event.
/// </summary>
public sealed partial class UserEventFeeds(
    IGrainFactory grains, IOptions<EventStreamOptions> options, IHostApplicationLifetime lifetime, ILogger<UserEventFeeds> logger)
    : BackgroundService
{
    private readonly Lock _gate = new();
    private readonly Dictionary<Guid, UserEventFeed> _feeds = [];
    private readonly EventStreamOptions _options = options.Value;

    /// <summary>Users with open streams here.</summary>
    public int UserCount
    {
        get
        {
            lock (_gate)
            {
                return _feeds.Count;
            }
        }
    }

    /// <summary>Attaches a new connection to the user's events, subscribing to the user grain if this gateway was not yet.</summary>
    public async Task<EventSubscription> ConnectAsync(Guid userId)
    {
        UserEventFeed feed;
        var user = grains.GetGrain<IUserGrain>(userId);
        var connection = new EventConnection(user.GetEventsAsync, _options.ConnectionBuffer);
        lock (_gate)
        {
            if (!_feeds.TryGetValue(userId, out feed!))
            {
                feed = new UserEventFeed(userId, user);
                feed.Reference = grains.CreateObjectReference<IUserEventObserver>(feed);
                feed.Subscribed = feed.User.SubscribeAsync(feed.Reference);
                _feeds[userId] = feed;
            }

            feed.Add(connection);
        }

        var subscription = new EventSubscription(this, feed, connection);
        try
        {
            await feed.Subscribed;
        }
        catch
        {
            subscription.Dispose();
            throw;
        }

        return subscription;
    }

    internal void Detach(UserEventFeed feed, EventConnection connection)
    {
        lock (_gate)
        {
            feed.Remove(connection);
            if (!feed.IsEmpty || !_feeds.Remove(feed.UserId, out _))
            {
                return;
            }
        }

        _ = ForgetAsync(feed);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Streams end before the server stops, or it would wait for them until its shutdown timeout.
        using var closing = lifetime.ApplicationStopping.Register(CloseAll);
        using var timer = new PeriodicTimer(_options.RenewInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                UserEventFeed[] feeds;
                lock (_gate)
                {
                    feeds = [.. _feeds.Values];
                }

                foreach (var chunk in feeds.Chunk(256))
                {
                    await Task.WhenAll(chunk.Select(RenewAsync));
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    private async Task RenewAsync(UserEventFeed feed)
    {
        try
        {
            feed.Hint(await feed.User.SubscribeAsync(feed.Reference));

            // A user deactivated since their streams opened loses them (reconnecting is refused once the gateway's
            // cached answer expires, Admin:AccessCacheDuration).
            if (await feed.User.GetAccessAsync() is { Exists: true, IsActive: false })
            {
                feed.CloseAll();
            }
        }
        catch (Exception exception)
        {
            LogRenewFailed(exception, feed.UserId);
        }
    }

    private async Task ForgetAsync(UserEventFeed feed)
    {
        try
        {
            await feed.User.UnsubscribeAsync(feed.Reference);
        }
        catch (Exception exception)
        {
            // The subscription lapses by itself.
            LogUnsubscribeFailed(exception, feed.UserId);
        }
        finally
        {
            grains.DeleteObjectReference<IUserEventObserver>(feed.Reference);
        }
    }

    private void CloseAll()
    {
        lock (_gate)
        {
            foreach (var feed in _feeds.Values)
            {
                feed.CloseAll();
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not renew the event subscription of user {UserId}; trying again at the next renewal")]
    private partial void LogRenewFailed(Exception exception, Guid userId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not unsubscribe from the events of user {UserId}")]
    private partial void LogUnsubscribeFailed(Exception exception, Guid userId);
}
