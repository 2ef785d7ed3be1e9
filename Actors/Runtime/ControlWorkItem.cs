namespace Actors.Runtime;

/// <summary>A turn the runtime itself queues: a timer tick, or a deactivation once the queue ahead of it has run.</summary>
internal sealed class ControlWorkItem(Func<Activation, Grain, Task> action) : WorkItem
{
    public override Task ExecuteAsync(Activation activation, Grain grain) => action(activation, grain);

    public override void Fail(Exception exception)
    {
        // Nobody waits for a control turn.
    }

    public override void Resubmit(Catalog catalog)
    {
        // A timer tick or deactivation request belongs to the activation that is gone.
    }
}
