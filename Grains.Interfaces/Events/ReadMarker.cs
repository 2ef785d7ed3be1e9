using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// A user's read marker in a conversation: the highest seq they marked read, and how many live messages
/// that others sent lie above it. The answer of PUT /api/conversations/{id}/read/ and the data of <c>read.updated</c>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ReadMarker(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(1), JsonPropertyName("last_read_seq")] long LastReadSeq,
    [property: Id(2), JsonPropertyName("unread_count")] long UnreadCount);
