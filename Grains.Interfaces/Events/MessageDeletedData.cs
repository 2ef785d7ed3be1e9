using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The data of <c>message.deleted</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageDeletedData(
    [property: Id(0), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(1), JsonPropertyName("message_id")] Guid MessageId,
    [property: Id(2), JsonPropertyName("seq")] long Seq);
