using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Grains.Interfaces;

namespace Gateway.Api.Events;

/// <summary>
/// One client connection to a user's events (a Server-Sent Events response or a SignalR connection). It
/// yields the user's events in cursor order, each once: it keeps its own cursor, skips what it has, and
/// whenever it sees a gap (a lost or late notification, a hint from a renewal) reads the missing events
/// from the user grain. Notifications wait in a bounded buffer; a connection that falls further behind
/// is ended, and its client resumes from its cursor.
/// </summary>
public sealed class EventConnection
{
    /// <summary>The most events one read of missed events asks for.</summary>
    internal const int PageSize = 200;

    private readonly Channel<Notification> _notifications;
    private readonly Func<long, int, Task<EventBatch>> _readAfter;

    /// <param name="readAfter">Reads the user's events after a cursor, at most so many (<see cref="IUserGrain.GetEventsAsync"/>).</param>
    /// <param name="buffer">Notifications the connection may fall behind by before it is ended.</param>
    internal EventConnection(Func<long, int, Task<EventBatch>> readAfter, int buffer)
    {
        _readAfter = readAfter;
        _notifications = Channel.CreateBounded<Notification>(
            new BoundedChannelOptions(buffer) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>True once the connection fell too far behind and was ended.</summary>
    public bool Overflowed { get; private set; }

    /// <summary>A user event, as the gateway's subscription received it (from any thread).</summary>
    internal void Offer(UserEvent userEvent) => Post(new Notification(userEvent, userEvent.Cursor));

    /// <summary>The user's newest cursor, as a subscription renewal learned it: a connection behind it catches up.</summary>
    internal void Hint(long cursor) => Post(new Notification(null, cursor));

    /// <summary>Ends the stream (the gateway is stopping).</summary>
    internal void Close() => _notifications.Writer.TryComplete();

    /// <summary>
    /// The events after <paramref name="lastEventId"/> (or, without one, those after the moment of the call),
    /// then live ones, until cancelled or ended; null items mark <paramref name="idle"/> periods without events.
    /// </summary>
    public async IAsyncEnumerable<UserEvent?> ReadAsync(
        long? lastEventId, Func<Task<long>> currentCursor, TimeSpan idle, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(currentCursor);
        long cursor;
        if (lastEventId is { } resumeFrom)
        {
            cursor = resumeFrom;
            await foreach (var missed in CatchUpAsync(cursor, cancellationToken))
            {
                cursor = missed.Cursor;
                yield return missed;
            }
        }
        else
        {
            // Everything newer than this is live: it was buffered since the connection was attached.
            cursor = await currentCursor();
        }

        var reader = _notifications.Reader;
        CancellationTokenSource? idleTimer = null;

        // Idle means nothing yielded: notifications that yield nothing (renewal hints, duplicates) do not count.
        var lastYield = Stopwatch.GetTimestamp();
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var notification))
                {
                    var remaining = idle - Stopwatch.GetElapsedTime(lastYield);
                    if (remaining <= TimeSpan.Zero)
                    {
                        lastYield = Stopwatch.GetTimestamp();
                        yield return null;
                        continue;
                    }

                    idleTimer ??= CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                    idleTimer.CancelAfter(remaining);
                    var (more, idled) = await WaitAsync(reader, idleTimer.Token, cancellationToken);
                    if (idled || !idleTimer.TryReset())
                    {
                        // A timer that fired cannot be reused.
                        idleTimer.Dispose();
                        idleTimer = null;
                    }

                    if (!idled && !more)
                    {
                        yield break;
                    }

                    continue;
                }

                if (notification.Cursor <= cursor)
                {
                    continue;
                }

                if (notification.Cursor > cursor + 1 || notification.Event is null)
                {
                    await foreach (var missed in CatchUpAsync(cursor, cancellationToken))
                    {
                        cursor = missed.Cursor;
                        lastYield = Stopwatch.GetTimestamp();
                        yield return missed;
                    }
                }

                if (notification.Event is { } live && live.Cursor > cursor)
                {
                    cursor = live.Cursor;
                    lastYield = Stopwatch.GetTimestamp();
                    yield return live;
                }
            }
        }
        finally
        {
            idleTimer?.Dispose();
        }
    }

    /// <summary>Waits for a notification: (false, false) when the buffer was ended, (true, true) when the idle timer fired first.</summary>
    private static async Task<(bool More, bool Idled)> WaitAsync(
        ChannelReader<Notification> reader, CancellationToken idleOrCancelled, CancellationToken cancellationToken)
    {
        try
        {
            return (await reader.WaitToReadAsync(idleOrCancelled), false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (true, true);
        }
    }

    /// <summary>The events after <paramref name="cursor"/> from the user grain; a <c>resync</c> when they are no longer kept.</summary>
    private async IAsyncEnumerable<UserEvent> CatchUpAsync(long cursor, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var batch = await _readAfter(cursor, PageSize);
            if (batch.Resync)
            {
                yield return new UserEvent(batch.LastCursor, UserEventTypes.Resync, DateTimeOffset.UtcNow);
                yield break;
            }

            foreach (var missed in batch.Events)
            {
                cursor = missed.Cursor;
                yield return missed;
            }

            if (batch.Events.Count < PageSize || cursor >= batch.LastCursor)
            {
                yield break;
            }
        }
    }

    private void Post(Notification notification)
    {
        if (!_notifications.Writer.TryWrite(notification) && !Overflowed)
        {
            Overflowed = true;
            _notifications.Writer.TryComplete();
        }
    }

    private readonly record struct Notification(UserEvent? Event, long Cursor);
}
