using System.Text.Json.Serialization;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// A login made before the upgrade (one refresh-token family): its current refresh token, the token it
/// replaced when it was rotated (if it was), and whether it was logged out.
/// </summary>
public sealed record ExpectedLogin(
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("current_refresh")] string CurrentRefresh,
    [property: JsonPropertyName("rotated_refresh")] string? RotatedRefresh,
    [property: JsonPropertyName("revoked")] bool Revoked);
