using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A user as the API shows it. <see cref="Email"/> is left out (null) for other callers.</summary>
public sealed record UserView(
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("username")] string Username,
    [property: JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonPropertyName("first_name")] string FirstName,
    [property: JsonPropertyName("last_name")] string LastName,
    [property: JsonPropertyName("role")] UserRole Role,
    [property: JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
