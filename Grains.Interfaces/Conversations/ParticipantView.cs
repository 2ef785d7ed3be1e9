using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record ParticipantView(
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("role")] ParticipantRole Role,
    [property: JsonPropertyName("joined_at")] DateTimeOffset JoinedAt);
