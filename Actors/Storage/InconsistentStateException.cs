namespace Actors;

/// <summary>
/// A write found storage changed since this activation read it (an ETag mismatch, or a journal key
/// that is already taken). Nothing was written. The runtime deactivates the activation and the caller
/// may retry on a fresh one.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
