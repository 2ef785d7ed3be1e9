using System.Security.Claims;
using Gateway.Api.Auth;
using Grains.Interfaces;

namespace Gateway.Api.ExternalIdentity;

/// <summary>
/// The caller of an external token as this gateway's own tokens describe a user (<c>sub</c> the local user id,
/// <c>username</c>, <c>role</c>), so that <see cref="CurrentUser"/> and every endpoint treat both alike.
/// </summary>
internal static class LocalUserPrincipal
{
    /// <summary>The issuer the caller signed in with, kept for logs and audits.</summary>
    public const string IdentityProviderClaim = "idp";

    public static ClaimsPrincipal For(UserView user, string issuer, string authenticationType) =>
        new(new ClaimsIdentity(
            [
                new Claim(TokenClaims.Subject, user.UserId.ToString()),
                new Claim(TokenClaims.Username, user.Username),
                new Claim(TokenClaims.Role, user.Role == UserRole.Admin ? "admin" : "user"),
                new Claim(IdentityProviderClaim, issuer),
            ],
            authenticationType,
            TokenClaims.Username,
            TokenClaims.Role));
}
