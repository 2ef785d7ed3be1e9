using System.Security.Claims;
using Gateway.Api.Auth;
using Grains.Interfaces;

namespace Gateway.Api.Admin;

/// <summary>
/// Run when a bearer token has been validated (every route, the event stream and the hub): refuses a deactivated
/// user's token, and replaces the token's role with the user's current one (both from <see cref="UserAccessCache"/>).
/// </summary>
internal static class UserAccessCheck
{
    public const string Deactivated = "The account is deactivated.";

    /// <summary>
    /// The principal to use, or null when the user is deactivated. A token of a user id that was never registered
    /// passes here: every grain it reaches answers 404 for it anyway.
    /// </summary>
    public static async Task<ClaimsPrincipal?> ApplyAsync(ClaimsPrincipal principal, IServiceProvider services)
    {
        if (!Guid.TryParse(principal.FindFirst(TokenClaims.Subject)?.Value, out var userId))
        {
            return principal;
        }

        var access = await services.GetRequiredService<UserAccessCache>().GetAsync(userId);
        if (access.Exists && !access.IsActive)
        {
            return null;
        }

        var role = access.Role == UserRole.Admin ? "admin" : "user";
        if (principal.Identity is ClaimsIdentity identity && identity.FindFirst(TokenClaims.Role)?.Value != role)
        {
            foreach (var stale in identity.FindAll(TokenClaims.Role).ToList())
            {
                identity.RemoveClaim(stale);
            }

            identity.AddClaim(new Claim(TokenClaims.Role, role));
        }

        return principal;
    }
}
