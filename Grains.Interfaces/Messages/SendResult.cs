using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The stored message; <see cref="Created"/> is false when a client_message_id replay returned the original.</summary>
public sealed record SendResult(
    [property: JsonPropertyName("message")] MessageView Message,
    [property: JsonPropertyName("created")] bool Created);
