using System.Security.Claims;

namespace Gateway.Api.Auth;

/// <summary>
/// The authenticated caller of the current request, read from the validated access token's claims.
/// The only place that reads claims: handlers ask this.
/// </summary>
public sealed class CurrentUser(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User ?? throw new InvalidOperationException("No request is being served.");

    /// <summary>The user id (<c>sub</c>), checked to be a UUID when the token was validated.</summary>
    public Guid Id => Guid.Parse(Principal.FindFirstValue(TokenClaims.Subject)!);

    /// <summary>The user id when the request is authenticated; null otherwise (routes that take no token).</summary>
    public Guid? IdIfAuthenticated =>
        Guid.TryParse(accessor.HttpContext?.User.FindFirstValue(TokenClaims.Subject), out var id) ? id : null;

    public string Username => Principal.FindFirstValue(TokenClaims.Username) ?? string.Empty;

    /// <summary>The service client when the token is a client credentials token; null for a user's token.</summary>
    public Guid? ClientId => Guid.TryParse(Principal.FindFirstValue(TokenClaims.ClientId), out var id) ? id : null;

    /// <summary>Whether a service client's token was granted <paramref name="scope"/>.</summary>
    public bool HasScope(string scope) =>
        (Principal.FindFirstValue(TokenClaims.Scope) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Contains(scope, StringComparer.Ordinal);

    public bool IsAdmin => string.Equals(Principal.FindFirstValue(TokenClaims.Role), "admin", StringComparison.Ordinal);
}
