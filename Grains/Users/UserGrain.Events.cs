using System.Security.Cryptography;
using Grains.Batching;
using Grains.Events;
using Grains.Interfaces;
using Microsoft.Extensions.Logging;
using Orleans.Storage;

namespace Grains;

/// <content>
/// The user's event log and its readers: gateways subscribe observers and read what they missed by cursor;
/// one-time tickets let browsers open a stream without a header.
/// </content>
public sealed partial class UserGrain
{
    /// <summary>The most events one <see cref="GetEventsAsync"/> returns.</summary>
    internal const int MaxEventsPerRead = 500;

    /// <summary>The most emits (a conversation's batch of notices, a read marker, ...) one event append holds.</summary>
    private const int MaxEmitsPerBatch = 64;

    private const int MaxOpenTickets = 32;
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, DateTimeOffset> _tickets = new(StringComparer.Ordinal);
    private DateTimeOffset _nextTrimCheck;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (!State.Registered)
        {
            return;
        }

        await _events.LoadAsync(cancellationToken);

        // The stored state may predate the newest events (activity is written late): apply the rest.
        var replayed = false;
        while (State.AppliedCursor < _events.LastCursor)
        {
            var missed = await _events.ReadAfterAsync(State.AppliedCursor, MaxEventsPerRead);
            if (missed.Count == 0)
            {
                State.AppliedCursor = _events.LastCursor;
                break;
            }

            foreach (var logged in missed)
            {
                Apply(logged);
            }

            replayed = true;
        }

        if (replayed)
        {
            ScheduleFlush();
        }
    }

    public Task<long> SubscribeAsync(IUserEventObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Subscribe(observer, observer);
        return Task.FromResult(_events.LastCursor);
    }

    public Task UnsubscribeAsync(IUserEventObserver observer)
    {
        ArgumentNullException.ThrowIfNull(observer);
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public async Task<EventBatch> GetEventsAsync(long afterCursor, int limit)
    {
        var last = _events.LastCursor;
        if (afterCursor < State.EventsTrimmedThrough || afterCursor > last)
        {
            return new EventBatch([], Resync: true, last);
        }

        var events = await _events.ReadAfterAsync(afterCursor, Math.Clamp(limit, 1, MaxEventsPerRead));
        return new EventBatch([.. events.Select(logged => logged.ToEvent())], Resync: false, last);
    }

    public Task<string> IssueEventTicketAsync()
    {
        RequireRegistered();
        var now = _time.GetUtcNow();
        foreach (var expired in _tickets.Where(ticket => ticket.Value <= now).Select(ticket => ticket.Key).ToList())
        {
            _tickets.Remove(expired);
        }

        if (_tickets.Count >= MaxOpenTickets)
        {
            _tickets.Remove(_tickets.MinBy(ticket => ticket.Value).Key);
        }

        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        _tickets[secret] = now + TicketLifetime;
        return Task.FromResult(secret);
    }

    public Task<bool> RedeemEventTicketAsync(string secret) =>
        Task.FromResult(
            secret is not null && _tickets.Remove(secret, out var expiresAt) && expiresAt > _time.GetUtcNow() && State.Registered && !State.Deactivated);

    /// <summary>
    /// Puts events into the log through the write queue, and returns once they are durable: the records
    /// are decided when the batch they joined is committed, one write after another in queue order, each
    /// record applied to the state as it is decided (so the next decision sees it).
    /// </summary>
    private Task EmitAsync(IEnumerable<UserEventRecord> records) => _writes.EnqueueAsync(records);

    /// <summary>
    /// Commits a batch of emits: their events in one append to the log, then tells the subscribed gateways.
    /// The state runs ahead of the log while the append is under way, and state writes wait in the queue
    /// meanwhile, so the stored state never holds an event the log lacks. A failed append leaves the log's
    /// end unknown: the activation writes nothing more and is given up, and the next one reads the log again.
    /// </summary>
    private async Task CommitEventsAsync(IReadOnlyList<GrainWriteQueue<IEnumerable<UserEventRecord>, bool>.Batched> batch)
    {
        var at = Now();
        for (var i = 0; i < batch.Count; i++)
        {
            try
            {
                foreach (var record in batch[i].Item)
                {
                    Apply(_events.Stage(record, at));
                }
            }
            catch (Exception exception)
            {
                // Deciding failed: the records it took before that are written with the batch all the same.
                batch[i].Fail(exception);
            }
        }

        IReadOnlyList<LoggedEvent> logged;
        try
        {
            logged = await _events.CommitAsync();
        }
        catch
        {
            // The state may now hold events the log lacks: nothing more is written (callers may retry, and
            // reach the next activation, which reads the log again).
            _writes.Stop(() => new InconsistentStateException(
                $"User {UserId} is being reactivated after a failed write; nothing was written."));
            DeactivateOnIdle();
            throw;
        }

        if (logged.Count > 0)
        {
            ScheduleFlush();
            if (_observers.Count > 0)
            {
                foreach (var appended in logged)
                {
                    var userEvent = appended.ToEvent();
                    _observers.Notify(observer => observer.EventAppended(userEvent));
                }
            }
        }

        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Succeed(true);
        }

        await TrimEventsIfDueAsync();
    }

    /// <summary>
    /// Drops events that retention no longer keeps, at most once an hour and only when there are many:
    /// the trim point is stored first, so a reader is never served a log with a silent hole.
    /// </summary>
    private async Task TrimEventsIfDueAsync()
    {
        var now = _time.GetUtcNow();
        if (_events.LastCursor - State.EventsTrimmedThrough <= 2L * _eventOptions.RetainedEvents || now < _nextTrimCheck)
        {
            return;
        }

        _nextTrimCheck = now + TimeSpan.FromHours(1);
        try
        {
            var trimPoint = await _events.FindTrimPointAsync(now);
            if (trimPoint > State.EventsTrimmedThrough)
            {
                State.EventsTrimmedThrough = trimPoint;
                await WriteStateNowAsync();
                await _events.DeleteThroughAsync(trimPoint);
            }
        }
        catch (Exception exception)
        {
            // Retention is housekeeping: the event that led here is durable and must not fail for it.
            LogTrimFailed(exception, UserId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId} could not drop old events; trying again within the hour")]
    private partial void LogTrimFailed(Exception exception, Guid userId);
}
