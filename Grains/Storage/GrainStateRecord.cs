namespace Grains.Storage;

/// <summary>A stored grain state: its version and its JSON payload (null after a clear).</summary>
public sealed record GrainStateRecord(string ETag, byte[]? Payload);
