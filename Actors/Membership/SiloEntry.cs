namespace Actors.Membership;

/// <summary>One silo's row in the membership table.</summary>
public sealed record SiloEntry(
    string SiloId,
    string Host,
    int Port,
    SiloStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset HeartbeatAt);
