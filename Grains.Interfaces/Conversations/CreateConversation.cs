using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Creates a conversation; the caller becomes its owner, the listed users its members.</summary>
public sealed record CreateConversation(
    [property: JsonPropertyName("participants")] IReadOnlyList<Guid> Participants,
    [property: JsonPropertyName("title")] string? Title);
