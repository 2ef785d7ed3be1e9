namespace Grains.Interfaces;

/// <summary>What the gateway checks on each authenticated request (through a short cache): active, and the current role.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UserAccess(
    [property: Id(0)] bool Exists,
    [property: Id(1)] bool IsActive,
    [property: Id(2)] UserRole Role);
