namespace Grains.Interfaces;

/// <summary>
/// A gateway's subscription to a user's events (an Orleans grain observer). Delivery is one-way and may
/// be lost or reordered: receivers compare cursors and fetch what they missed with
/// <see cref="IUserGrain.GetEventsAsync"/>.
/// </summary>
public interface IUserEventObserver : IGrainObserver
{
    void EventAppended(UserEvent userEvent);
}
