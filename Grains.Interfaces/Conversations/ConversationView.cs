using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record ConversationView(
    [property: JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("created_by")] Guid CreatedBy,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_message_at")] DateTimeOffset? LastMessageAt,
    [property: JsonPropertyName("participants")] IReadOnlyList<ParticipantView> Participants);
