namespace Gateway.Api.Auth;

/// <summary>Claim names of the tokens this gateway issues (SimpleJWT's, with <c>sub</c> for the user id).</summary>
public static class TokenClaims
{
    public const string Subject = "sub";

    public const string Username = "username";

    public const string Role = "role";

    public const string TokenId = "jti";

    public const string FamilyId = "fid";

    /// <summary>"access" or "refresh": a token of one kind is never accepted as the other.</summary>
    public const string TokenType = "token_type";

    public const string AccessType = "access";

    /// <summary>Space-separated scopes of a service client's token (RFC 8693's <c>scope</c>); user tokens have none.</summary>
    public const string Scope = "scope";

    /// <summary>The service client a token was issued to (RFC 8693's <c>client_id</c>); user tokens have none.</summary>
    public const string ClientId = "client_id";

    public const string RefreshType = "refresh";
}
