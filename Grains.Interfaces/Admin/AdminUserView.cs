using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A user as the admin routes show it: the full profile with <c>is_active</c> and <c>last_login_at</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record AdminUserView(
    [property: Id(0), JsonPropertyName("user_id")] Guid UserId,
    [property: Id(1), JsonPropertyName("username")] string Username,
    [property: Id(2), JsonPropertyName("email")] string Email,
    [property: Id(3), JsonPropertyName("first_name")] string FirstName,
    [property: Id(4), JsonPropertyName("last_name")] string LastName,
    [property: Id(5), JsonPropertyName("role")] UserRole Role,
    [property: Id(6), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(7), JsonPropertyName("is_active")] bool IsActive,
    [property: Id(8), JsonPropertyName("last_login_at")] DateTimeOffset? LastLoginAt);
