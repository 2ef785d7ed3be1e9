using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record SendMessage(
    [property: JsonPropertyName("message_body")] string MessageBody,
    [property: JsonPropertyName("client_message_id")] string? ClientMessageId);
