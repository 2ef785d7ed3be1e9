namespace Actors.Hosting;

/// <summary>Options of grain calls, for silos and clients alike.</summary>
public sealed class GrainCallOptions
{
    /// <summary>A call that has no answer after this long fails with <see cref="GrainCallException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many times a call that was certainly not executed (moved, stale activation, silo unreachable) is tried.</summary>
    public int MaxAttempts { get; set; } = 8;
}
