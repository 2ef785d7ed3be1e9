using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record ParticipantView(
    [property: Id(0), JsonPropertyName("user_id")] Guid UserId,
    [property: Id(1), JsonPropertyName("username")] string Username,
    [property: Id(2), JsonPropertyName("role")] ParticipantRole Role,
    [property: Id(3), JsonPropertyName("joined_at")] DateTimeOffset JoinedAt);
