namespace Grains.Interfaces;

/// <summary>An admin's change of a user's role or activation; null leaves it as it is. <see cref="ActorId"/> is the admin.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AdminUserUpdate(
    [property: Id(0)] Guid ActorId,
    [property: Id(1)] UserRole? Role,
    [property: Id(2)] bool? IsActive);
