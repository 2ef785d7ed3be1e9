using System.Text.Json.Serialization;

namespace Grains;

/// <summary>A conversation as its participant's user grain keeps it, for listing and filtering.</summary>
public sealed class UserConversationState
{
    [JsonPropertyName("participant_ids")]
    public List<Guid> ParticipantIds { get; init; } = [];

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    [JsonPropertyName("last_message_at")]
    public DateTimeOffset? LastMessageAt { get; set; }
}
