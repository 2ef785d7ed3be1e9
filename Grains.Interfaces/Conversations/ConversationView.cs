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
    [property: Id(5), JsonPropertyName("participants")] IReadOnlyList<ParticipantView> Participants)
{
    /// <summary>The caller's read marker (0 until they mark anything read); set by whoever knows the caller.</summary>
    [Id(6)]
    [JsonPropertyName("last_read_seq")]
    public long LastReadSeq { get; init; }

    /// <summary>Live messages above <see cref="LastReadSeq"/> that others sent.</summary>
    [Id(7)]
    [JsonPropertyName("unread_count")]
    public long UnreadCount { get; init; }

    public ConversationView WithReadMarker(ReadMarker? marker) =>
        this with { LastReadSeq = marker?.LastReadSeq ?? 0, UnreadCount = marker?.UnreadCount ?? 0 };
}
