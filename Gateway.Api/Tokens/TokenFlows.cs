using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Gateway.Api.Problems;
using Gateway.Api.RateLimiting;
using Gateway.Api.Users;
using Grains.Interfaces;
using Orleans;

namespace Gateway.Api.Tokens;

/// <summary>
/// Logging in, refreshing (rotation with reuse detection) and logging out, whatever carries the refresh
/// token: the body of the token routes or the cookie of the browser session routes. One code path, so that
/// both answer the same, throttle the same and rotate through the same user grain family.
/// </summary>
public sealed class TokenFlows(IGrainFactory grains, ClusterThrottle throttle, TokenService tokens, AuditRecorder audit)
{
    public const string InvalidCredentials = "Invalid credentials";
    public const string InvalidRefresh = "Token is invalid or expired";
    private const string TooManyFailures = "Too many failed logins; try again later.";

    /// <summary>
    /// Checks a username (or email) and password. Failures count per client address and per account (the
    /// user grain's lockout), or per login name when it matches no account, so that a locked account and an
    /// unknown name answer alike (429 with Retry-After once locked); every count holds across the cluster.
    /// On success starts a new refresh family (a new login).
    /// </summary>
    public async Task<TokenGrant> LoginAsync(string login, string password, HttpContext http)
    {
        var address = ClusterThrottle.AddressOf(http);
        if (await throttle.PeekLoginFailuresFromAsync(address) is { RetryAfter: { } wait })
        {
            audit.Record(AuditEventTypes.LoginLocked, userId: null, detail: "address throttled");
            return AddressThrottled(http, wait);
        }

        var userId = await UserLookup.ByUsernameOrEmailAsync(grains, login);
        if (userId is null)
        {
            return await UnknownLoginAsync(login, address, http);
        }

        var user = grains.GetGrain<IUserGrain>(userId.Value);
        var result = await user.CheckPasswordAsync(password);
        switch (result)
        {
            case { Status: LoginStatus.Succeeded, User: { } profile }:
                audit.Record(AuditEventTypes.LoginSucceeded, profile.UserId, profile.UserId);
                return await SucceededAsync(user, profile);
            case { Status: LoginStatus.LockedOut }:
                audit.Record(AuditEventTypes.LoginLocked, userId, detail: "account locked");
                await throttle.CountLoginFailureFromAsync(address);
                return Locked(http, TimeSpan.FromSeconds(result.RetryAfterSeconds ?? 60));
            default:
                audit.Record(AuditEventTypes.LoginFailed, userId, detail: "invalid credentials");
                await throttle.CountLoginFailureFromAsync(address);
                return Failed(http);
        }
    }

    /// <summary>A login name that matches no account: locked as an account would be, else failed (and counted).</summary>
    private async Task<TokenGrant> UnknownLoginAsync(string login, string address, HttpContext http)
    {
        if (await throttle.PeekUnknownLoginAsync(login) is { RetryAfter: { } locked })
        {
            audit.Record(AuditEventTypes.LoginLocked, userId: null, detail: "unknown user locked");
            await throttle.CountLoginFailureFromAsync(address);
            return Locked(http, locked);
        }

        var counted = await throttle.CountUnknownLoginFailureAsync(login);
        await throttle.CountLoginFailureFromAsync(address);
        audit.Record(counted.RetryAfter is null ? AuditEventTypes.LoginFailed : AuditEventTypes.LoginLocked, userId: null, detail: "unknown user");
        return counted.RetryAfter is { } lockout ? Locked(http, lockout) : Failed(http);
    }

    private async Task<TokenGrant> SucceededAsync(IUserGrain user, UserView profile)
    {
        var refresh = tokens.NewRefreshToken(Guid.CreateVersion7());
        await user.StartRefreshFamilyAsync(refresh);
        return TokenGrant.Granted(tokens.Issue(profile, refresh));
    }

    /// <summary>A wrong password, an unknown name or a deactivated account: one answer for all.</summary>
    private static TokenGrant Failed(HttpContext http) =>
        TokenGrant.Refused(ApiProblems.Unauthorized(http.Response, InvalidCredentials));

    /// <summary>The account (or the unknown name) is locked after too many failures; nothing else is revealed.</summary>
    private static TokenGrant Locked(HttpContext http, TimeSpan retryAfter) =>
        TokenGrant.Refused(ApiProblems.TooManyRequests(http.Response, retryAfter, TooManyFailures));

    /// <summary>The client's address has used up its failed logins, whatever account it tries.</summary>
    private static TokenGrant AddressThrottled(HttpContext http, TimeSpan retryAfter) =>
        TokenGrant.Refused(ApiProblems.TooManyRequests(http.Response, retryAfter, TooManyFailures));

    /// <summary>Rotates <paramref name="refresh"/>: a new pair, and the presented token stops working. Presenting it again is reuse.</summary>
    public async Task<TokenGrant> RefreshAsync(string refresh, HttpResponse response)
    {
        var presented = await tokens.ReadRefreshTokenAsync(refresh);
        if (presented is null)
        {
            return TokenGrant.Refused(ApiProblems.Unauthorized(response, InvalidRefresh));
        }

        var user = grains.GetGrain<IUserGrain>(presented.UserId);
        var next = tokens.NewRefreshToken(presented.Token.FamilyId);
        switch (await user.RotateRefreshAsync(presented.Token, next))
        {
            case RefreshOutcome.Ok:
                audit.Record(AuditEventTypes.TokenRefreshed, presented.UserId, presented.UserId);
                return TokenGrant.Granted(tokens.Issue(await user.GetAsync(), next));
            case RefreshOutcome.Reused:
                audit.Record(AuditEventTypes.TokenReuseDetected, presented.UserId, detail: "family revoked");
                return TokenGrant.Refused(
                    ApiProblems.Unauthorized(response, "Token was already used; every refresh token of this login is now revoked."));
            default:
                return TokenGrant.Refused(ApiProblems.Unauthorized(response, "Token is blacklisted or expired"));
        }
    }

    /// <summary>Revokes the family of <paramref name="refresh"/> (logout); false when it was not a live refresh token of this gateway.</summary>
    public async Task<bool> RevokeAsync(string refresh)
    {
        var presented = await tokens.ReadRefreshTokenAsync(refresh);
        if (presented is null
            || await grains.GetGrain<IUserGrain>(presented.UserId).RevokeRefreshFamilyAsync(presented.Token) != RefreshOutcome.Ok)
        {
            return false;
        }

        audit.Record(AuditEventTypes.TokenBlacklisted, presented.UserId, presented.UserId);
        return true;
    }
}
