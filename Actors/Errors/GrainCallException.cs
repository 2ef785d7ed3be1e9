namespace Actors;

/// <summary>
/// A grain call failed for a reason that is not a domain error: the grain threw an unexpected exception,
/// the call timed out, or no silo could take it.
/// </summary>
public sealed class GrainCallException : Exception
{
    public GrainCallException(string message)
        : base(message)
    {
    }

    public GrainCallException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
