using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A partial profile update: null leaves a field as it is.</summary>
public sealed record UpdateProfile(
    [property: JsonPropertyName("first_name")] string? FirstName,
    [property: JsonPropertyName("last_name")] string? LastName,
    [property: JsonPropertyName("email")] string? Email);
