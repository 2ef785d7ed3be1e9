using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record MessagePage(
    [property: JsonPropertyName("count")] long Count,
    [property: JsonPropertyName("results")] IReadOnlyList<MessageView> Results);
