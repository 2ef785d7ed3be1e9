using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A service client as admins see it (never its secret); <see cref="BotUserId"/> is the user it acts as.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ServiceClientView(
    [property: Id(0), JsonPropertyName("client_id")] Guid ClientId,
    [property: Id(1), JsonPropertyName("name")] string Name,
    [property: Id(2), JsonPropertyName("scopes")] IReadOnlyList<string> Scopes,
    [property: Id(3), JsonPropertyName("bot_user_id")] Guid BotUserId,
    [property: Id(4), JsonPropertyName("bot_username")] string BotUsername,
    [property: Id(5), JsonPropertyName("created_by")] Guid CreatedBy,
    [property: Id(6), JsonPropertyName("created_at")] DateTimeOffset CreatedAt,
    [property: Id(7), JsonPropertyName("secret_rotated_at")] DateTimeOffset SecretRotatedAt,
    [property: Id(8), JsonPropertyName("revoked_at")] DateTimeOffset? RevokedAt)
{
    [JsonIgnore]
    public bool IsRevoked => RevokedAt is not null;
}
