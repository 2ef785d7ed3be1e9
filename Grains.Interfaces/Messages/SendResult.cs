using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The stored message; <see cref="Created"/> is false when a client_message_id replay returned the original.</summary>
[GenerateSerializer]
[Immutable]
public sealed record SendResult(
    [property: Id(0), JsonPropertyName("message")] MessageView Message,
    [property: Id(1), JsonPropertyName("created")] bool Created);
