using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// One live instance of a grain. Its turns come from a mailbox and run one at a time, to completion,
/// in arrival order; consecutive read-only calls run together, never alongside anything else.
/// </summary>
internal sealed partial class Activation : IGrainContext
{
    private readonly Channel<WorkItem> _mailbox =
        Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });

    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly HashSet<GrainTimer> _timers = [];
    private readonly Catalog _catalog;
    private readonly ILogger _logger;
    private long _lastUsedTimestamp;
    private int _running;
    private int _queued;
    private DeactivationReason? _deactivation;

    public Activation(GrainId grainId, Catalog catalog, IGrainFactory grainFactory, ILogger logger)
    {
        GrainId = grainId;
        GrainFactory = grainFactory;
        _catalog = catalog;
        _logger = logger;
        _lastUsedTimestamp = catalog.Time.GetTimestamp();
    }

    public GrainId GrainId { get; }

    public IGrainFactory GrainFactory { get; }

    /// <summary>Ends once the activation is deactivated and removed from the catalog.</summary>
    public Task Completion => _completion.Task;

    /// <summary>Whether no turn is running or queued.</summary>
    public bool IsIdle => Volatile.Read(ref _running) == 0 && Volatile.Read(ref _queued) == 0;

    public TimeSpan IdleFor => _catalog.Time.GetElapsedTime(Volatile.Read(ref _lastUsedTimestamp));

    public void Start() => _ = Task.Run(RunAsync);

    /// <summary>Queues a turn; false when the activation is deactivating and takes no more.</summary>
    public bool TryEnqueue(WorkItem item)
    {
        Interlocked.Increment(ref _queued);
        if (_mailbox.Writer.TryWrite(item))
        {
            return true;
        }

        Interlocked.Decrement(ref _queued);
        return false;
    }

    public void Deactivate(DeactivationReason reason) => _deactivation ??= reason;

    /// <summary>Queues a deactivation that runs after the turns already queued, if the activation is still idle then.</summary>
    public bool TryDeactivateWhenIdle(DeactivationReason reason, TimeSpan minimumIdle) =>
        TryEnqueue(new ControlWorkItem((activation, _) =>
        {
            if (Volatile.Read(ref activation._queued) == 0 && activation.IdleFor >= minimumIdle)
            {
                activation.Deactivate(reason);
            }

            return Task.CompletedTask;
        }));

    public IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new GrainTimer(this, callback, dueTime, period, _catalog.Time);
        lock (_timers)
        {
            _timers.Add(timer);
        }

        return timer;
    }

    public void RemoveTimer(GrainTimer timer)
    {
        lock (_timers)
        {
            _timers.Remove(timer);
        }
    }

    private async Task RunAsync()
    {
        Grain grain;
        try
        {
            grain = await _catalog.Activator.CreateAsync(this).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogActivationFailed(_logger, GrainId, ex);
            _mailbox.Writer.TryComplete();
            _catalog.Remove(this);
            while (_mailbox.Reader.TryRead(out var item))
            {
                item.Fail(ex);
            }

            _completion.TrySetResult();
            return;
        }

        var reader = _mailbox.Reader;
        var readOnlyTurns = new List<Task>();
        while (_deactivation is null && await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            if (!TryTake(reader, out var item))
            {
                continue;
            }

            Interlocked.Increment(ref _running);
            try
            {
                if (item.IsReadOnly)
                {
                    readOnlyTurns.Add(item.ExecuteAsync(this, grain));
                    while (reader.TryPeek(out var next) && next.IsReadOnly && TryTake(reader, out next))
                    {
                        readOnlyTurns.Add(next.ExecuteAsync(this, grain));
                    }

                    await Task.WhenAll(readOnlyTurns).ConfigureAwait(false);
                    readOnlyTurns.Clear();
                }
                else
                {
                    await item.ExecuteAsync(this, grain).ConfigureAwait(false);
                }
            }
            catch (Exception ex)
            {
                // Calls report their own failures to their callers; this is a timer tick that threw.
                LogTurnFailed(_logger, GrainId, ex);
            }
            finally
            {
                Volatile.Write(ref _lastUsedTimestamp, _catalog.Time.GetTimestamp());
                Interlocked.Decrement(ref _running);
            }
        }

        await DeactivateAsync(grain).ConfigureAwait(false);
    }

    private async Task DeactivateAsync(Grain grain)
    {
        _mailbox.Writer.TryComplete();
        GrainTimer[] timers;
        lock (_timers)
        {
            timers = [.. _timers];
        }

        foreach (var timer in timers)
        {
            timer.Dispose();
        }

        var reason = _deactivation ?? DeactivationReason.ShuttingDown;
        try
        {
            // A stale activation's hook runs too; any write it attempts fails its ETag check.
            await grain.OnDeactivateAsync(reason, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            LogDeactivationFailed(_logger, GrainId, ex);
        }

        _catalog.Remove(this);
        _completion.TrySetResult();
        while (_mailbox.Reader.TryRead(out var item))
        {
            item.Resubmit(_catalog);
        }
    }

    private bool TryTake(ChannelReader<WorkItem> reader, out WorkItem item)
    {
        if (reader.TryRead(out item!))
        {
            Interlocked.Decrement(ref _queued);
            return true;
        }

        return false;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Activating grain {GrainId} failed")]
    private static partial void LogActivationFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A timer turn of grain {GrainId} failed")]
    private static partial void LogTurnFailed(ILogger logger, GrainId grainId, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Grain {GrainId} failed in OnDeactivateAsync")]
    private static partial void LogDeactivationFailed(ILogger logger, GrainId grainId, Exception exception);
}
