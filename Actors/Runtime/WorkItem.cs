namespace Actors.Runtime;

/// <summary>A turn queued on an activation: a grain call, a timer tick or a deactivation check.</summary>
internal abstract class WorkItem
{
    public virtual bool IsReadOnly => false;

    public abstract Task ExecuteAsync(Activation activation, Grain grain);

    /// <summary>Fails the item without running it (the activation could not start).</summary>
    public abstract void Fail(Exception exception);

    /// <summary>Hands the item to a fresh activation after this one was deactivated before running it.</summary>
    public abstract void Resubmit(Catalog catalog);
}
