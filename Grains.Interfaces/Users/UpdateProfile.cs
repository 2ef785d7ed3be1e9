using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A partial profile update: null leaves a field as it is.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UpdateProfile(
    [property: Id(0), JsonPropertyName("first_name")] string? FirstName,
    [property: Id(1), JsonPropertyName("last_name")] string? LastName,
    [property: Id(2), JsonPropertyName("email")] string? Email);
