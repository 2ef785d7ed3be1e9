namespace Actors.Transport;

/// <summary>
/// A decoded frame. Requests carry the target grain, the method name and the JSON array of arguments;
/// responses carry a status and a JSON payload.
/// </summary>
internal readonly record struct Frame(
    FrameKind Kind,
    long CorrelationId,
    ResponseStatus Status,
    string GrainType,
    string GrainKey,
    string Method,
    ReadOnlyMemory<byte> Payload);
