namespace Actors.Hosting;

/// <summary>Options of grain calls, for silos and clients alike.</summary>
public sealed class GrainCallOptions
{
    /// <summary>A call that has no answer after this long fails with <see cref="GrainCallException"/>.</summary>
    public TimeSpan CallTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
