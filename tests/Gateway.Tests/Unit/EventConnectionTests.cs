using Gateway.Api.Events;
using Grains.Interfaces;

namespace Gateway.Tests.Unit;

/// <summary>
/// A connection yields a user's events in cursor order, each once, whatever order and duplicates its
/// notifications come in, and ends when it falls further behind than its buffer.
/// </summary>
public class EventConnectionTests
{
    private static readonly TimeSpan Idle = TimeSpan.FromSeconds(10);

    private readonly List<UserEvent> _log = [.. Enumerable.Range(1, 50).Select(i => Event(i))];

    private static UserEvent Event(long cursor) => new(cursor, UserEventTypes.MessageCreated, DateTimeOffset.UnixEpoch);

    private Task<EventBatch> ReadAfterAsync(long after, int limit) =>
        Task.FromResult(new EventBatch([.. _log.Where(e => e.Cursor > after).Take(limit)], Resync: false, _log[^1].Cursor));

    private static async Task<List<long>> TakeAsync(IAsyncEnumerable<UserEvent?> events, int count)
    {
        var cursors = new List<long>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var userEvent in events.WithCancellation(timeout.Token))
        {
            if (userEvent is not null)
            {
                cursors.Add(userEvent.Cursor);
            }

            if (cursors.Count == count)
            {
                break;
            }
        }

        return cursors;
    }

    [Fact]
    public async Task LateDuplicateAndOutOfOrderNotificationsYieldEachEventOnceInOrder()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 100);
        foreach (var cursor in new long[] { 12, 11, 12, 15, 13, 14, 16, 10 })
        {
            connection.Offer(Event(cursor));
        }

        var cursors = await TakeAsync(connection.ReadAsync(10, () => Task.FromResult(10L), Idle, CancellationToken.None), 6);

        Assert.Equal([11L, 12, 13, 14, 15, 16], cursors);
    }

    [Fact]
    public async Task AHintPastTheCursorReadsWhatWasMissed()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 100);
        connection.Hint(23);

        var cursors = await TakeAsync(connection.ReadAsync(null, () => Task.FromResult(20L), Idle, CancellationToken.None), 3);

        Assert.Equal([21L, 22, 23], cursors);
    }

    [Fact]
    public async Task ResumingReadsEveryMissedEventBeforeLiveOnes()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 100);
        connection.Offer(Event(51));
        _log.Add(Event(51));

        var cursors = await TakeAsync(connection.ReadAsync(5, () => Task.FromResult(50L), Idle, CancellationToken.None), 46);

        Assert.Equal(Enumerable.Range(6, 46).Select(i => (long)i), cursors);
    }

    [Fact]
    public async Task AConnectionThatFallsBehindItsBufferEndsAndResumesExactly()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 8);
        for (var cursor = 21; cursor <= 50; cursor++)
        {
            connection.Offer(Event(cursor));
        }

        var delivered = new List<long>();
        await foreach (var userEvent in connection.ReadAsync(null, () => Task.FromResult(20L), Idle, CancellationToken.None))
        {
            delivered.Add(userEvent!.Cursor);
        }

        Assert.True(connection.Overflowed);
        Assert.Equal(Enumerable.Range(21, 8).Select(i => (long)i), delivered);
        var resumed = new EventConnection(ReadAfterAsync, buffer: 8);
        Assert.Equal(
            Enumerable.Range(29, 22).Select(i => (long)i),
            await TakeAsync(resumed.ReadAsync(delivered[^1], () => Task.FromResult(50L), Idle, CancellationToken.None), 22));
    }

    [Fact]
    public async Task AnIdleConnectionYieldsAnIdleMarker()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));

        await using var events = connection.ReadAsync(null, () => Task.FromResult(50L), TimeSpan.FromMilliseconds(50), timeout.Token)
            .GetAsyncEnumerator(timeout.Token);

        Assert.True(await events.MoveNextAsync());
        Assert.Null(events.Current);
        connection.Offer(Event(51));
        _log.Add(Event(51));
        Assert.True(await events.MoveNextAsync());
        Assert.Equal(51, events.Current?.Cursor);
    }

    [Fact]
    public async Task NotificationsThatYieldNothingDoNotPostponeTheIdleMarker()
    {
        var connection = new EventConnection(ReadAfterAsync, buffer: 64);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await using var events = connection.ReadAsync(null, () => Task.FromResult(50L), TimeSpan.FromMilliseconds(300), timeout.Token)
            .GetAsyncEnumerator(timeout.Token);
        var next = events.MoveNextAsync().AsTask();

        // Renewal hints and duplicates every 50 ms, as a busy gateway's subscription would bring them, for
        // up to 4 s: if they postponed the marker, it would not come while they keep coming. The bound is
        // far from the 300 ms idle time, so that a busy machine's slow timers do not fail the test.
        var started = DateTime.UtcNow;
        while (!next.IsCompleted && DateTime.UtcNow - started < TimeSpan.FromSeconds(4))
        {
            connection.Hint(50);
            connection.Offer(Event(49));
            await Task.Delay(50);
        }

        var elapsed = DateTime.UtcNow - started;
        Assert.True(next.IsCompleted, "no idle marker while notifications kept coming");
        Assert.True(await next);
        Assert.Null(events.Current);
        Assert.InRange(elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task AResyncFromTheUserGrainIsPassedOnAndTheStreamGoesOnFromItsCursor()
    {
        var connection = new EventConnection(
            (after, limit) => Task.FromResult(after < 40 ? new EventBatch([], Resync: true, 50) : new EventBatch([], false, 50)), buffer: 8);
        connection.Offer(Event(51));

        var events = new List<UserEvent>();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await foreach (var userEvent in connection.ReadAsync(3, () => Task.FromResult(50L), Idle, timeout.Token))
        {
            events.Add(userEvent!);
            if (events.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([(UserEventTypes.Resync, 50L), (UserEventTypes.MessageCreated, 51L)], events.Select(e => (e.Type, e.Cursor)));
    }
}
