namespace Actors;

/// <summary>
/// A grain's persisted state. Every write carries the ETag that was read; a mismatch means another
/// activation wrote in between, and the write fails with <see cref="InconsistentStateException"/>
/// (the activation is then deactivated and never overwrites).
/// </summary>
public interface IPersistentState<TState>
    where TState : class, new()
{
    TState State { get; set; }

    /// <summary>The version last read or written, or null when nothing was ever stored.</summary>
    string? Etag { get; }

    /// <summary>Whether storage holds a record for this grain (false before the first write and after a clear).</summary>
    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
