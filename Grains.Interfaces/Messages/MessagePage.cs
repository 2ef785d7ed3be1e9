using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record MessagePage(
    [property: Id(0), JsonPropertyName("count")] long Count,
    [property: Id(1), JsonPropertyName("results")] IReadOnlyList<MessageView> Results);
