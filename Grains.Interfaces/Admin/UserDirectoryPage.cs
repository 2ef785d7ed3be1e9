namespace Grains.Interfaces;

/// <summary>The users of one directory page and how many match the filters in all.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UserDirectoryPage(
    [property: Id(0)] long Count,
    [property: Id(1)] IReadOnlyList<AdminUserView> Users);
