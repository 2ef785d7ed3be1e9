using System.Text.Json.Serialization;

namespace Gateway.Api.ServiceAccounts;

/// <summary>RFC 6749 §5.1: the access token response (its property names are the RFC's).</summary>
public sealed record OAuthTokenResponse(
    [property: JsonPropertyName("access_token")] string AccessToken,
    [property: JsonPropertyName("token_type")] string TokenType,
    [property: JsonPropertyName("expires_in")] int ExpiresIn,
    [property: JsonPropertyName("scope")] string Scope);
