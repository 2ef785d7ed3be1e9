namespace Actors.Transport;

internal enum ResponseStatus : byte
{
    /// <summary>The call completed; the payload is its JSON result.</summary>
    Ok = 0,

    /// <summary>The grain threw a domain error on purpose; the payload is a RemoteError with its kind.</summary>
    DomainError = 1,

    /// <summary>Anything else went wrong; the payload is a RemoteError. The call may or may not have taken effect.</summary>
    Failure = 2,

    /// <summary>The silo does not own the grain (or is leaving). Nothing ran; the caller refreshes its view and retries.</summary>
    Moved = 3,

    /// <summary>The activation was stale and nothing was written; it was deactivated and the caller retries.</summary>
    Retry = 4,
}
