namespace Grains.Interfaces;

/// <summary>The events of one audit page and how many match the filters in all.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditPage(
    [property: Id(0)] long Count,
    [property: Id(1)] IReadOnlyList<AuditEvent> Events);
