namespace Gateway.Api.Auth;

/// <summary>The answer of /api/token/ and /api/token/refresh/ (SimpleJWT's shape).</summary>
public sealed record TokenPair(string Access, string Refresh);
