using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Problems;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Api.Tokens;

/// <summary>SimpleJWT's token routes: obtain, refresh (rotating), verify, blacklist. The token travels in the body.</summary>
internal static class TokenEndpoints
{
    public static RouteGroupBuilder MapTokens(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/token", "Tokens")
            .AllowAnonymous()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapPost("/", ObtainAsync)
            .WithName("ObtainToken")
            .WithSummary("Log in: an access and a refresh token")
            .WithDescription("`username` may also be an email. 401 `Invalid credentials` for an unknown user, a wrong password or a " +
                "deactivated account alike. Failures are throttled per client address and per account: 429 with Retry-After.")
            .ProducesProblem(StatusCodes.Status429TooManyRequests);

        group.MapPost("/refresh", RefreshAsync)
            .WithName("RefreshToken")
            .WithSummary("Exchange a refresh token for a new pair")
            .WithDescription("Rotation: the presented refresh token stops working. Presenting an already-rotated one is reuse and " +
                "revokes every refresh token of that login (its family); access tokens already issued stay valid until they expire.");

        group.MapPost("/verify", VerifyAsync)
            .WithName("VerifyToken")
            .WithSummary("Check an access token")
            .WithDescription("200 `{}` for a valid access token; 401 otherwise, including for a refresh token.");

        group.MapPost("/blacklist", BlacklistAsync)
            .WithName("BlacklistToken")
            .WithSummary("Log out: revoke a refresh token and its family");
        return group;
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> ObtainAsync(
        LoginRequest request, HttpContext http, TokenFlows flows) =>
        Respond(await flows.LoginAsync(request.Username!, request.Password!, http));

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpResponse response, TokenFlows flows) =>
        Respond(await flows.RefreshAsync(request.Refresh!, response));

    /// <summary>Valid when every route would accept the token: signed by this gateway, unexpired, an access token, and its user not deactivated.</summary>
    private static async Task<Results<Ok<EmptyResponse>, ProblemHttpResult>> VerifyAsync(
        VerifyRequest request, HttpContext http, TokenService tokens) =>
        await tokens.ReadAccessTokenAsync(request.Token!) is { } principal
            && await UserAccessCheck.ApplyAsync(principal, http.RequestServices) is not null
            ? TypedResults.Ok(new EmptyResponse())
            : ApiProblems.Unauthorized(http.Response, TokenFlows.InvalidRefresh);

    private static async Task<Results<Ok<EmptyResponse>, ProblemHttpResult>> BlacklistAsync(
        RefreshRequest request, HttpResponse response, TokenFlows flows) =>
        await flows.RevokeAsync(request.Refresh!)
            ? TypedResults.Ok(new EmptyResponse())
            : ApiProblems.Unauthorized(response, "Token is blacklisted or invalid");

    private static Results<Ok<TokenPair>, ProblemHttpResult> Respond(TokenGrant grant) =>
        grant.Succeeded ? TypedResults.Ok(grant.Tokens) : grant.Problem;
}
