using System.Security.Cryptography;
using Grains.Events;
using Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Grains;

/// <content>
/// The user's event log and its readers: gateways subscribe observers and read what they missed by cursor;
/// one-time tickets let browsers open a stream without a header.
/// </content>
public sealed partial class UserGrain
{
    /// <summary>The most events one <see cref="GetEventsAsync"/> returns.</summary>
    internal const int MaxEventsPerRead = 500;

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
    /// Appends the records to the event log (durable), applies them to the state, and tells the subscribed
    /// gateways. A failed append leaves the log's end unknown, so the activation is given up and the next
    /// one reads the log again.
    /// </summary>
    private async Task EmitAsync(params UserEventRecord[] records)
    {
        IReadOnlyList<LoggedEvent> logged;
        try
        {
            logged = await _events.AppendAsync(records, Now());
        }
        catch
        {
            DeactivateOnIdle();
            throw;
        }

        foreach (var appended in logged)
        {
            Apply(appended);
        }

        ScheduleFlush();
        if (_observers.Count > 0)
        {
            foreach (var appended in logged)
            {
                var userEvent = appended.ToEvent();
                _observers.Notify(observer => observer.EventAppended(userEvent));
            }
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
                await WriteStateAsync();
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
