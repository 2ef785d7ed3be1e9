using Grains.Interfaces;

namespace Gateway.Api.Events;

/// <summary>An open connection to a user's events; disposing it detaches the connection.</summary>
public sealed class EventSubscription : IDisposable
{
    private readonly UserEventFeeds _feeds;
    private readonly UserEventFeed _feed;

    internal EventSubscription(UserEventFeeds feeds, UserEventFeed feed, EventConnection connection)
    {
        _feeds = feeds;
        _feed = feed;
        Connection = connection;
    }

    public EventConnection Connection { get; }

    /// <summary>The user's newest cursor now (renewing the subscription on the way).</summary>
    public Task<long> CurrentCursorAsync() => _feed.User.SubscribeAsync(_feed.Reference);

    /// <summary>The user's events after <paramref name="lastEventId"/> (or from now), then live ones; null items mark idle periods.</summary>
    public IAsyncEnumerable<UserEvent?> ReadAsync(long? lastEventId, TimeSpan idle, CancellationToken cancellationToken) =>
        Connection.ReadAsync(lastEventId, CurrentCursorAsync, idle, cancellationToken);

    public void Dispose() => _feeds.Detach(_feed, Connection);
}
