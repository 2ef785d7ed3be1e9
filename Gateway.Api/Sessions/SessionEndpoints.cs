using Gateway.Api.Hosting;
using Gateway.Api.Problems;
using Gateway.Api.Tokens;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Api.Sessions;

/// <summary>
/// The web client's session routes: the same logins, rotations and logouts as the token routes, but the refresh
/// token lives in an HttpOnly cookie and only the access token reaches the page (which keeps it in memory).
/// </summary>
internal static class SessionEndpoints
{
    private const string NoSession = "No session; log in.";

    public static RouteGroupBuilder MapSessions(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup(SessionCookie.Path, "Browser session")
            .AllowAnonymous()
            .AddEndpointFilter<JsonOnlyFilter>()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        group.MapPost("/", LoginAsync)
            .WithName("StartSession")
            .WithSummary("Log in a browser: the access token, and the refresh token in a cookie")
            .WithDescription("For the web client. Same credentials, throttling and answers as `POST /api/token/` (401 `Invalid credentials`, " +
                "429 with Retry-After), but the body is `{access}` only: the refresh token is set as the `" + SessionCookie.Name +
                "` cookie (HttpOnly, SameSite=Strict, Secure over HTTPS, Path=" + SessionCookie.Path + "). " +
                "Every session route requires `Content-Type: application/json` (else 415), which a cross-site form cannot send.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshSession")
            .Accepts<EmptyResponse>("application/json")
            .WithSummary("A new access token for the browser session; rotates the cookie")
            .WithDescription("Send `{}` with `Content-Type: application/json`. Rotates the cookie's refresh token exactly as " +
                "`POST /api/token/refresh/` does: the old value stops working, and presenting it again is reuse, which revokes the " +
                "whole login. 401 (and the cookie cleared) without a cookie or with an invalid, rotated or revoked one.");

        group.MapPost("/logout", LogoutAsync)
            .WithName("EndSession")
            .Accepts<EmptyResponse>("application/json")
            .WithSummary("Log out the browser: revoke the cookie's login and clear the cookie")
            .WithDescription("Send `{}` with `Content-Type: application/json`. Revokes the refresh token's family as " +
                "`POST /api/token/blacklist/` does, and clears the cookie. 204 whether or not a live session was there.");
        return group;
    }

    private static async Task<Results<Ok<SessionAccess>, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext http, TokenFlows flows) =>
        Respond(http, await flows.LoginAsync(request.Username!, request.Password!, http), clearOnFailure: false);

    private static async Task<Results<Ok<SessionAccess>, ProblemHttpResult>> RefreshAsync(HttpContext http, TokenFlows flows)
    {
        if (SessionCookie.Read(http.Request) is not { } refresh)
        {
            return ApiProblems.Unauthorized(http.Response, NoSession);
        }

        return Respond(http, await flows.RefreshAsync(refresh, http.Response), clearOnFailure: true);
    }

    private static async Task<NoContent> LogoutAsync(HttpContext http, TokenFlows flows)
    {
        if (SessionCookie.Read(http.Request) is { } refresh)
        {
            await flows.RevokeAsync(refresh);
        }

        SessionCookie.Clear(http);
        return TypedResults.NoContent();
    }

    /// <summary>On success the new refresh token goes into the cookie and the access token into the body; neither may be cached.</summary>
    private static Results<Ok<SessionAccess>, ProblemHttpResult> Respond(HttpContext http, TokenGrant grant, bool clearOnFailure)
    {
        http.Response.Headers.CacheControl = "no-store";
        if (!grant.Succeeded)
        {
            if (clearOnFailure)
            {
                SessionCookie.Clear(http);
            }

            return grant.Problem;
        }

        SessionCookie.Write(http, grant.Tokens.Refresh);
        return TypedResults.Ok(new SessionAccess(grant.Tokens.Access));
    }
}
