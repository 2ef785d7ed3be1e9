using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A refresh token's identity inside its family (one family per login).</summary>
public sealed record RefreshToken(
    [property: JsonPropertyName("family_id")] Guid FamilyId,
    [property: JsonPropertyName("token_id")] Guid TokenId,
    [property: JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
