using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A registration. The user grain validates every field and reserves username and email.</summary>
public sealed record RegisterUser(
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("password")] string Password,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("role")] UserRole Role);
