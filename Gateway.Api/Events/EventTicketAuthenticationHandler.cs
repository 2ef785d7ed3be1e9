using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Api.Auth;
using Gateway.Api.Problems;
using Grains.Interfaces;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.Events;

/// <summary>
/// Authenticates <c>GET /api/events/?ticket=T</c> for browsers, whose EventSource cannot send headers: the
/// ticket names the user and carries a secret that the user grain issued, and the grain accepts it once,
/// within 30 seconds, on whichever gateway it is presented. Used on that route only.
/// </summary>
public sealed class EventTicketAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, IGrainFactory grains)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "EventTicket";

    public const string QueryName = "ticket";

    private const string InvalidTicket = "The ticket is not valid: it is unknown, used, or expired.";

    /// <summary>A ticket: the user id (32 hex digits) followed by the grain's secret.</summary>
    public static string Format(Guid userId, string secret) => userId.ToString("N") + secret;

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Query.TryGetValue(QueryName, out var values))
        {
            return AuthenticateResult.NoResult();
        }

        var ticket = values.ToString();
        if (ticket.Length <= 32 || ticket.Length > 256 || !Guid.TryParseExact(ticket.AsSpan(0, 32), "N", out var userId)
            || !await grains.GetGrain<IUserGrain>(userId).RedeemEventTicketAsync(ticket[32..]))
        {
            return AuthenticateResult.Fail(InvalidTicket);
        }

        var identity = new ClaimsIdentity([new Claim(TokenClaims.Subject, userId.ToString())], SchemeName, TokenClaims.Username, TokenClaims.Role);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = ApiProblems.Unauthorized(Response, InvalidTicket);
        await result.ExecuteAsync(Context);
    }
}
