using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A registration. The user grain validates every field and reserves username and email.</summary>
[GenerateSerializer]
[Immutable]
public sealed record RegisterUser(
    [property: Id(0), JsonPropertyName("username")] string Username,
    [property: Id(1), JsonPropertyName("email")] string Email,
    [property: Id(2), JsonPropertyName("password")] string Password,
    [property: Id(3), JsonPropertyName("first_name")] string FirstName,
    [property: Id(4), JsonPropertyName("last_name")] string LastName,
    [property: Id(5), JsonPropertyName("role")] UserRole Role);
