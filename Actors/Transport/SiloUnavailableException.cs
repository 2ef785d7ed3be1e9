namespace Actors.Transport;

/// <summary>A call was certainly not executed (moved, stale activation, or the silo could not be reached): it may be retried.</summary>
internal sealed class SiloUnavailableException : Exception
{
    public SiloUnavailableException(string message)
        : base(message)
    {
    }

    public SiloUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
