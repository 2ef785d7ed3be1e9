using Orleans.Runtime;
using Orleans.Storage;

namespace Grains.Hosting;

/// <summary>Which failures of a grain call mean that it certainly did not run, so that repeating it cannot run it twice.</summary>
public static class GrainCallFailures
{
    /// <summary>
    /// Orleans rejected the call before a grain saw it (<see cref="OrleansMessageRejectionException"/>, and
    /// the refusal of a stopping silo, below), or the grain's write found a newer version in storage and
    /// wrote nothing (<see cref="InconsistentStateException"/>; Orleans then drops that stale activation).
    /// Any other <see cref="SiloUnavailableException"/> (a silo died under a running call) and timeouts
    /// leave the outcome unknown, as does every runtime failure of a call the grain itself made: those arrive
    /// as a <see cref="Grains.Interfaces.NestedCallFailedException"/> (<see cref="NestedCallFailureFilter"/>).
    /// </summary>
    public static bool CertainlyDidNotRun(Exception exception) =>
        exception is InconsistentStateException
        || (exception is OrleansMessageRejectionException && exception is not SiloUnavailableException)
        || IsRefusalOfAStoppingSilo(exception);

    /// <summary>
    /// Orleans 10.4.2 refuses to place a grain on a silo that is stopping with a <see cref="SiloUnavailableException"/>
    /// "Silo '...' is shutting down." (its PlacementService), before any activation exists, so the call never
    /// ran. It raises the same type when a silo dies under a running call, so only the message tells them apart.
    /// </summary>
    public static bool IsRefusalOfAStoppingSilo(Exception exception) =>
        exception is SiloUnavailableException
        && exception.Message.StartsWith("Silo '", StringComparison.Ordinal)
        && exception.Message.EndsWith("' is shutting down.", StringComparison.Ordinal);
}
