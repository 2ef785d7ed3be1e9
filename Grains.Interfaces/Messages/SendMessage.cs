using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record SendMessage(
    [property: Id(0), JsonPropertyName("message_body")] string MessageBody,
    [property: Id(1), JsonPropertyName("client_message_id")] string? ClientMessageId);
