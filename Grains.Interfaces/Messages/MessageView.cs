using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record MessageView(
    [property: Id(0), JsonPropertyName("message_id")] Guid MessageId,
    [property: Id(1), JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: Id(2), JsonPropertyName("seq")] long Seq,
    [property: Id(3), JsonPropertyName("sender")] SenderView Sender,
    [property: Id(4), JsonPropertyName("message_body")] string MessageBody,
    [property: Id(5), JsonPropertyName("client_message_id")] string? ClientMessageId,
    [property: Id(6), JsonPropertyName("sent_at")] DateTimeOffset SentAt,
    [property: Id(7), JsonPropertyName("edited_at")] DateTimeOffset? EditedAt);
