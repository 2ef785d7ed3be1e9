using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Creates a conversation; the caller becomes its owner, the listed users its members.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateConversation(
    [property: Id(0), JsonPropertyName("participants")] IReadOnlyList<Guid> Participants,
    [property: Id(1), JsonPropertyName("title")] string? Title);
