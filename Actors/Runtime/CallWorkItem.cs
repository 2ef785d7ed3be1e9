namespace Actors.Runtime;

/// <summary>A grain method call waiting for its turn.</summary>
internal sealed class CallWorkItem(GrainId grainId, GrainMethod method, object?[] arguments) : WorkItem
{
    private readonly TaskCompletionSource<object?> _result = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override bool IsReadOnly => method.IsReadOnly;

    public Task<object?> Result => _result.Task;

    public override async Task ExecuteAsync(Activation activation, Grain grain)
    {
        try
        {
            _result.TrySetResult(await method.InvokeAsync(grain, arguments).ConfigureAwait(false));
        }
        catch (InconsistentStateException ex)
        {
            activation.Deactivate(DeactivationReason.InconsistentState);
            _result.TrySetException(ex);
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
        }
    }

    public override void Fail(Exception exception) => _result.TrySetException(exception);

    public override void Resubmit(Catalog catalog)
    {
        try
        {
            var next = catalog.InvokeAsync(grainId, method, arguments);
            _ = next.ContinueWith(
                static (task, state) =>
                {
                    var result = (TaskCompletionSource<object?>)state!;
                    if (task.IsCompletedSuccessfully)
                    {
                        result.TrySetResult(task.Result);
                    }
                    else
                    {
                        result.TrySetException(task.Exception!.InnerExceptions);
                    }
                },
                _result,
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
        catch (Exception ex)
        {
            _result.TrySetException(ex);
        }
    }
}
