using System.Text.Json.Serialization;

namespace Gateway.Tests.Infrastructure;

/// <summary>The token settings the upgrade fixture was written with (a published test key).</summary>
public sealed record FixtureJwt(
    [property: JsonPropertyName("signing_key")] string SigningKey,
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("audience")] string Audience);
