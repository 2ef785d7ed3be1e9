using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record ConversationIdPage(
    [property: Id(0), JsonPropertyName("count")] int Count,
    [property: Id(1), JsonPropertyName("conversation_ids")] IReadOnlyList<Guid> ConversationIds,
    [property: Id(2), JsonPropertyName("read_markers")] IReadOnlyList<ReadMarker> ReadMarkers);
