using Grains.Interfaces;

namespace Grains.Events;

/// <summary>An event of a user's log with its cursor and time.</summary>
internal sealed record LoggedEvent(long Cursor, DateTimeOffset At, UserEventRecord Record)
{
    public UserEvent ToEvent() => Record.ToEvent(Cursor, At);
}
