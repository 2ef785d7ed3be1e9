namespace Actors.Runtime;

/// <summary>A grain timer: each tick is queued as a turn of its activation, so it never runs alongside a call.</summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly Activation _activation;
    private readonly Func<CancellationToken, Task> _callback;
    private readonly ITimer _timer;
    private int _disposed;

    public GrainTimer(Activation activation, Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period, TimeProvider time)
    {
        _activation = activation;
        _callback = callback;
        _timer = time.CreateTimer(static state => ((GrainTimer)state!).Tick(), this, dueTime, period);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _timer.Dispose();
            _activation.RemoveTimer(this);
        }
    }

    private void Tick()
    {
        if (Volatile.Read(ref _disposed) == 0)
        {
            _activation.TryEnqueue(new ControlWorkItem((_, _) =>
                Volatile.Read(ref _disposed) == 0 ? _callback(CancellationToken.None) : Task.CompletedTask));
        }
    }
}
