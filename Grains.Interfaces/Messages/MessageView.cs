using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record MessageView(
    [property: JsonPropertyName("message_id")] Guid MessageId,
    [property: JsonPropertyName("conversation_id")] Guid ConversationId,
    [property: JsonPropertyName("seq")] long Seq,
    [property: JsonPropertyName("sender")] SenderView Sender,
    [property: JsonPropertyName("message_body")] string MessageBody,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId,
    [property: JsonPropertyName("sent_at")] DateTimeOffset SentAt,
    [property: JsonPropertyName("edited_at")] DateTimeOffset? EditedAt);
