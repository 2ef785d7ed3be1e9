using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A page of service clients, oldest first, and how many there are in all.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ServiceClientPage(
    [property: Id(0), JsonPropertyName("count")] int Count,
    [property: Id(1), JsonPropertyName("results")] IReadOnlyList<ServiceClientView> Results);
