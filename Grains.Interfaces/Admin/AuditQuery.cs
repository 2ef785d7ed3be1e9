namespace Grains.Interfaces;

/// <summary>A page of the audit trail, newest first: optional filters, then offset and limit.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditQuery(
    [property: Id(0)] Guid? UserId,
    [property: Id(1)] string? Event,
    [property: Id(2)] DateTimeOffset? Since,
    [property: Id(3)] DateTimeOffset? Until,
    [property: Id(4)] int Offset,
    [property: Id(5)] int Limit);
