using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// What a conversation tells each participant's user grain about itself when its membership changes:
/// whether the user is (still) a participant, who takes part, and its last activity.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UserConversation(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(1), JsonPropertyName("is_participant")] bool IsParticipant,
    [property: Id(2), JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: Id(3), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(4), JsonPropertyName("last_message_at")] DateTimeOffset? LastMessageAt);
