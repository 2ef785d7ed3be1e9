using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Problems;
using Gateway.Api.RateLimiting;
using Gateway.Api.Users;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans;

namespace Gateway.Api.Tokens;

/// <summary>SimpleJWT's token routes: obtain, refresh (rotating), verify, blacklist. The token travels in the body.</summary>
internal static class TokenEndpoints
{
    private const string InvalidCredentials = "Invalid credentials";
    private const string InvalidRefresh = "Token is invalid or expired";
    private const string TooManyFailures = "Too many failed logins; try again later.";

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
        LoginRequest request, HttpContext http, IGrainFactory grains, LoginThrottle throttle, TokenService tokens)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(address, account: null) is { } wait)
        {
            return ApiProblems.TooManyRequests(http.Response, wait, TooManyFailures);
        }

        var userId = await UserLookup.ByUsernameOrEmailAsync(grains, request.Username!);
        if (userId is null)
        {
            throttle.RecordFailure(address, account: null);
            return ApiProblems.Unauthorized(http.Response, InvalidCredentials);
        }

        if (throttle.RetryAfter(address, userId) is { } accountWait)
        {
            return ApiProblems.TooManyRequests(http.Response, accountWait, TooManyFailures);
        }

        var user = grains.GetGrain<IUserGrain>(userId.Value);
        var result = await user.CheckPasswordAsync(request.Password!);
        switch (result)
        {
            case { Status: LoginStatus.Succeeded, User: { } profile }:
                var refresh = tokens.NewRefreshToken(Guid.CreateVersion7());
                await user.StartRefreshFamilyAsync(refresh);
                return TypedResults.Ok(tokens.Issue(profile, refresh));
            case { Status: LoginStatus.LockedOut }:
                return ApiProblems.TooManyRequests(
                    http.Response, TimeSpan.FromSeconds(result.RetryAfterSeconds ?? 60), "Too many failed logins; the account is locked for a while.");
            default:
                throttle.RecordFailure(address, userId);
                return ApiProblems.Unauthorized(http.Response, InvalidCredentials);
        }
    }

    private static async Task<Results<Ok<TokenPair>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, HttpResponse response, IGrainFactory grains, TokenService tokens)
    {
        var presented = await tokens.ReadRefreshTokenAsync(request.Refresh!);
        if (presented is null)
        {
            return ApiProblems.Unauthorized(response, InvalidRefresh);
        }

        var user = grains.GetGrain<IUserGrain>(presented.UserId);
        var next = tokens.NewRefreshToken(presented.Token.FamilyId);
        return await user.RotateRefreshAsync(presented.Token, next) switch
        {
            RefreshOutcome.Ok => TypedResults.Ok(tokens.Issue(await user.GetAsync(), next)),
            RefreshOutcome.Reused => ApiProblems.Unauthorized(response, "Token was already used; every refresh token of this login is now revoked."),
            _ => ApiProblems.Unauthorized(response, "Token is blacklisted or expired"),
        };
    }

    private static async Task<Results<Ok<EmptyResponse>, ProblemHttpResult>> VerifyAsync(
        VerifyRequest request, HttpResponse response, TokenService tokens) =>
        await tokens.IsValidAccessTokenAsync(request.Token!)
            ? TypedResults.Ok(new EmptyResponse())
            : ApiProblems.Unauthorized(response, InvalidRefresh);

    private static async Task<Results<Ok<EmptyResponse>, ProblemHttpResult>> BlacklistAsync(
        RefreshRequest request, HttpResponse response, IGrainFactory grains, TokenService tokens)
    {
        var presented = await tokens.ReadRefreshTokenAsync(request.Refresh!);
        var outcome = presented is null
            ? RefreshOutcome.Invalid
            : await grains.GetGrain<IUserGrain>(presented.UserId).RevokeRefreshFamilyAsync(presented.Token);
        return outcome == RefreshOutcome.Ok
            ? TypedResults.Ok(new EmptyResponse())
            : ApiProblems.Unauthorized(response, "Token is blacklisted or invalid");
    }
}
