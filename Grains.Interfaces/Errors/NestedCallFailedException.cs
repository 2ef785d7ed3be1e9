namespace Grains.Interfaces;

/// <summary>
/// A call that a grain made while serving a request failed in Orleans' runtime: the other grain's silo
/// stopped or died, the call timed out or was rejected, or the other grain gave up a write. Whatever the
/// serving grain did before that stands, so the request's outcome is unknown: a caller may repeat it only
/// when repeating is harmless. The runtime's own exception is the <see cref="Exception.InnerException"/>;
/// it is wrapped because, seen by the caller of the serving grain, a rejection or a stopping silo's refusal
/// would read as "this request never ran".
/// </summary>
[GenerateSerializer]
public sealed class NestedCallFailedException : OrleansException
{
    public NestedCallFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
