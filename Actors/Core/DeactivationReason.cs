namespace Actors;

/// <summary>Why an activation is being deactivated.</summary>
public enum DeactivationReason
{
    /// <summary>Unused for longer than the idle collection age.</summary>
    Idle,

    /// <summary>The grain asked for it with <see cref="Grain.DeactivateOnIdle"/>.</summary>
    Requested,

    /// <summary>A state write found a newer version in storage: this activation is stale.</summary>
    InconsistentState,

    /// <summary>The silo is shutting down or no longer owns the grain.</summary>
    ShuttingDown,
}
