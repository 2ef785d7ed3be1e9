namespace Actors;

/// <summary>The kinds of domain error that cross the wire with their type preserved.</summary>
public enum GrainErrorKind
{
    /// <summary>The caller is known but may not do this (HTTP 403).</summary>
    NotAllowed = 1,

    /// <summary>The target does not exist (HTTP 404).</summary>
    NotFound = 2,

    /// <summary>The request is invalid (HTTP 400).</summary>
    Invalid = 3,

    /// <summary>The request conflicts with existing data, such as a taken name (HTTP 409).</summary>
    Conflict = 4,
}
