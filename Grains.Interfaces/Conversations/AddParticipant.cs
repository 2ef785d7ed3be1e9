using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Adds a participant as member, or as admin when asked; owner cannot be granted.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AddParticipant(
    [property: Id(0), JsonPropertyName("user_id")] Guid UserId,
    [property: Id(1), JsonPropertyName("role")] ParticipantRole Role);
