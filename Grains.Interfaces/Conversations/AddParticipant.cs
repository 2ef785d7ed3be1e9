using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Adds a participant as member, or as admin when asked; owner cannot be granted.</summary>
public sealed record AddParticipant(
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("role")] ParticipantRole Role);
