using Gateway.Api.Admin;
using Gateway.Api.Problems;
using Microsoft.AspNetCore.Authentication.JwtBearer;

namespace Gateway.Api.Auth;

/// <summary>What the bearer handler adds to signature and lifetime checks: the token kind, and problem bodies on 401.</summary>
internal static class BearerEvents
{
    /// <summary>The one path whose clients may put the access token in the URL: SignalR's WebSockets transport cannot send headers.</summary>
    public const string TokenInQueryPath = "/hubs/messaging";

    public static JwtBearerEvents Create() => new()
    {
        OnMessageReceived = context =>
        {
            if (context.Request.Path.StartsWithSegments(TokenInQueryPath, StringComparison.OrdinalIgnoreCase)
                && string.IsNullOrEmpty(context.Request.Headers.Authorization)
                && context.Request.Query.TryGetValue("access_token", out var token))
            {
                context.Token = token.ToString();
            }

            return Task.CompletedTask;
        },
        OnTokenValidated = async context =>
        {
            if (context.Principal is null || !TokenService.IsAccessToken(claim => context.Principal.FindFirst(claim)?.Value))
            {
                context.Fail("The token is not an access token.");
                return;
            }

            // A deactivated user's tokens stop working; a changed role applies (both within Admin:AccessCacheDuration).
            if (await UserAccessCheck.ApplyAsync(context.Principal, context.HttpContext.RequestServices) is null)
            {
                context.Fail(UserAccessCheck.Deactivated);
            }
        },
        OnChallenge = ChallengeAsync,
    };

    /// <summary>A 401 problem with <c>WWW-Authenticate: Bearer</c>, saying whether a token was missing or refused; for every bearer scheme.</summary>
    public static async Task ChallengeAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var presented = context.AuthenticateFailure is not null;
        context.Response.Headers.WWWAuthenticate = BearerChallenge.Header(invalidToken: presented);
        var detail = presented ? BearerChallenge.InvalidTokenDetail : BearerChallenge.MissingTokenDetail;
        await ApiProblems.Status(StatusCodes.Status401Unauthorized, detail).ExecuteAsync(context.HttpContext);
    }
}
