using Grains.Interfaces;

namespace Grains.Hosting;

/// <summary>
/// Ends a grain-to-grain call that fails in Orleans' runtime with a <see cref="NestedCallFailedException"/>,
/// so that its failure reaches the calling grain's own caller (the gateway) as "outcome unknown", never as the
/// rejection or refusal that would tell the gateway its request never ran: the calling grain may already have
/// written. Errors a grain throws on purpose (<see cref="DomainException"/>) and calls from outside a grain
/// (the gateway's own) pass unchanged.
/// </summary>
internal sealed class NestedCallFailureFilter : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        var call = context.Invoke();
        return call.IsCompletedSuccessfully || context.SourceContext?.GrainInstance is not IGrainBase
            ? call
            : WrapFailureAsync(call, context);
    }

    private static async Task WrapFailureAsync(Task call, IOutgoingGrainCallContext context)
    {
        try
        {
            // Off the grain's scheduler: no grain state is touched here, and the caller's own await returns
            // to it, so the call's completion is not queued to the activation one more time.
            await call.ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is (OrleansException or TimeoutException) and not NestedCallFailedException)
        {
            throw new NestedCallFailedException(
                $"{context.SourceId} could not complete its call {context.InterfaceName}.{context.MethodName} to {context.TargetId}: {exception.Message}",
                exception);
        }
    }
}
