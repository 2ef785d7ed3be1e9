namespace Actors;

/// <summary>
/// Base class of grain implementations. The runtime creates one activation per grain id, runs its
/// calls one at a time (read-only calls may interleave with each other), and deactivates it after an
/// idle period or on request.
/// </summary>
public abstract class Grain
{
    private IGrainContext? _context;

    /// <summary>This grain's identity.</summary>
    public GrainId GrainId => Context.GrainId;

    /// <summary>Gets references to other grains.</summary>
    protected IGrainFactory GrainFactory => Context.GrainFactory;

    private IGrainContext Context =>
        _context ?? throw new InvalidOperationException("The grain is not attached to an activation yet; use OnActivateAsync, not the constructor.");

    /// <summary>The key of a grain with a Guid key.</summary>
    protected Guid GetPrimaryKey() => Guid.Parse(GrainId.Key);

    /// <summary>The key of a grain with a string key.</summary>
    protected string GetPrimaryKeyString() => GrainId.Key;

    /// <summary>Runs once when the activation starts, after its persistent state was read, before any call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs once when the activation ends, after its last call.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Deactivates this activation once the current call completes.</summary>
    protected void DeactivateOnIdle() => Context.Deactivate(DeactivationReason.Requested);

    /// <summary>
    /// Runs <paramref name="callback"/> as a turn of this activation (never concurrently with a call)
    /// after <paramref name="dueTime"/>, then every <paramref name="period"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/> for once). Dispose the result to stop it; it stops with the activation.
    /// </summary>
    protected IDisposable RegisterTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period) =>
        Context.RegisterTimer(callback, dueTime, period);

    internal void Attach(IGrainContext context) => _context = context;
}
