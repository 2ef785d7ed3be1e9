using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// What a conversation tells each participant's user grain about itself when its membership changes:
/// whether the user is (still) a participant, who takes part, and its last activity; with the conversation
/// itself for the user's event stream, and for a user who just joined, how many messages they have not read.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UserConversation(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(1), JsonPropertyName("is_participant")] bool IsParticipant,
    [property: Id(2), JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: Id(3), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(4), JsonPropertyName("last_message_at")] DateTimeOffset? LastMessageAt)
{
    /// <summary>The conversation as participants see it (null when the user is no longer a participant).</summary>
    [Id(5)]
    [JsonPropertyName("view")]
    public ConversationView? View { get; init; }

    /// <summary>Live messages that others sent, for a user who was not a participant before this change.</summary>
    [Id(6)]
    [JsonPropertyName("unread_count_on_join")]
    public long UnreadCountOnJoin { get; init; }

    /// <summary>The seq of the conversation's newest message: a user who joins now hears of later ones only.</summary>
    [Id(7)]
    [JsonPropertyName("last_seq")]
    public long LastSeq { get; init; }
}
