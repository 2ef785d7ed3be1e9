using System.Collections.Immutable;
using Grains.Interfaces;

namespace Gateway.Api.Events;

/// <summary>
/// The user's events on this gateway: one Orleans observer subscribed to the user grain, handing every
/// event to each of the user's open connections here.
/// </summary>
internal sealed class UserEventFeed(Guid userId, IUserGrain user) : IUserEventObserver
{
    private ImmutableArray<EventConnection> _connections = [];

    public Guid UserId { get; } = userId;

    public IUserGrain User { get; } = user;

    /// <summary>The observer reference the user grain calls (set once the feed is registered with Orleans).</summary>
    public IUserEventObserver Reference { get; set; } = null!;

    /// <summary>The first subscription; connections wait for it before they read.</summary>
    public Task<long> Subscribed { get; set; } = null!;

    public bool IsEmpty => _connections.IsEmpty;

    public void EventAppended(UserEvent userEvent)
    {
        foreach (var connection in _connections)
        {
            connection.Offer(userEvent);
        }
    }

    public void Hint(long cursor)
    {
        foreach (var connection in _connections)
        {
            connection.Hint(cursor);
        }
    }

    public void CloseAll()
    {
        foreach (var connection in _connections)
        {
            connection.Close();
        }
    }

    /// <summary>Called under the feeds' lock.</summary>
    public void Add(EventConnection connection) => _connections = _connections.Add(connection);

    /// <summary>Called under the feeds' lock.</summary>
    public void Remove(EventConnection connection) => _connections = _connections.Remove(connection);
}
