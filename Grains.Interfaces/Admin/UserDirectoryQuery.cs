namespace Grains.Interfaces;

/// <summary>
/// A page of the user directory, by username: <see cref="Contains"/> matches username or email
/// case-insensitively; the other filters are exact.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UserDirectoryQuery(
    [property: Id(0)] string? Contains,
    [property: Id(1)] UserRole? Role,
    [property: Id(2)] bool? IsActive,
    [property: Id(3)] int Offset,
    [property: Id(4)] int Limit);
