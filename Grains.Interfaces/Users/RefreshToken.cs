using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A refresh token's identity inside its family (one family per login).</summary>
[GenerateSerializer]
[Immutable]
public sealed record RefreshToken(
    [property: Id(0), JsonPropertyName("family_id")] Guid FamilyId,
    [property: Id(1), JsonPropertyName("token_id")] Guid TokenId,
    [property: Id(2), JsonPropertyName("expires_at")] DateTimeOffset ExpiresAt);
