using System.Text.Json.Serialization;

namespace Grains;

/// <summary>
/// The payload of a message's journal entry. The entry itself carries seq, message id, sent_at
/// (its timestamp), the sender id (its author), the dedup key and the deleted flag.
/// </summary>
public sealed record MessageRecord(
    [property: JsonPropertyName("message_body")] string MessageBody,
    [property: JsonPropertyName("sender_username")] string SenderUsername,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId,
    [property: JsonPropertyName("edited_at")] DateTimeOffset? EditedAt);
