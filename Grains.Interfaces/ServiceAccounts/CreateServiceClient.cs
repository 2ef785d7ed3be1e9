using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>What an admin asks for: a display name (from which the bot user's username derives) and the scopes.</summary>
[GenerateSerializer]
[Immutable]
public sealed record CreateServiceClient(
    [property: Id(0), JsonPropertyName("name")] string Name,
    [property: Id(1), JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: Id(2), JsonPropertyName("created_by")] Guid CreatedBy);
