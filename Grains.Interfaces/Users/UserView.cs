using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A user as the API shows it. <see cref="Email"/> is left out (null) for other callers.</summary>
[GenerateSerializer]
[Immutable]
public sealed record UserView(
    [property: Id(0), JsonPropertyName("user_id")] Guid UserId,
    [property: Id(1), JsonPropertyName("username")] string Username,
    [property: Id(2), JsonPropertyName("email"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: Id(3), JsonPropertyName("first_name")] string FirstName,
    [property: Id(4), JsonPropertyName("last_name")] string LastName,
    [property: Id(5), JsonPropertyName("role")] UserRole Role,
    [property: Id(6), JsonPropertyName("created_at")] DateTimeOffset CreatedAt);
