using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record ConversationView(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(1), JsonPropertyName("title")] string Title,
    [property: Id(2), JsonPropertyName("created_by")] Guid CreatedBy,
    [property: Id(3), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(4), JsonPropertyName("last_message_at")] DateTimeOffset? LastMessageAt,
    [property: Id(5), JsonPropertyName("participants")] IReadOnlyList<ParticipantView> Participants);
