using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// What a conversation tells each participant's user grain about itself when its membership changes:
/// whether the user is (still) a participant, who takes part, and its last activity.
/// </summary>
public sealed record UserConversation(
    [property: JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: JsonPropertyName("is_participant")] bool IsParticipant,
    [property: JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: JsonPropertyName("last_message_at")] DateTimeOffset? LastMessageAt);
