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
public sealed class TokenFlows(IGrainFactory grains, LoginThrottle throttle, TokenService tokens, AuditRecorder audit)
{
    public const string InvalidCredentials = "Invalid credentials";
    public const string InvalidRefresh = "Token is invalid or expired";
    private const string TooManyFailures = "Too many failed logins; try again later.";

    /// <summary>
    /// Checks a username (or email) and password, throttling failures per client address and per account;
    /// on success starts a new refresh family (a new login).
    /// </summary>
    public async Task<TokenGrant> LoginAsync(string login, string password, HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        if (throttle.RetryAfter(address, account: null) is { } wait)
        {
            audit.Record(AuditEventTypes.LoginLocked, userId: null, detail: "address throttled");
            return TokenGrant.Refused(ApiProblems.TooManyRequests(http.Response, wait, TooManyFailures));
        }

        var userId = await UserLookup.ByUsernameOrEmailAsync(grains, login);
        if (userId is null)
        {
            audit.Record(AuditEventTypes.LoginFailed, userId: null, detail: "unknown user");
            throttle.RecordFailure(address, account: null);
            return TokenGrant.Refused(ApiProblems.Unauthorized(http.Response, InvalidCredentials));
        }

        if (throttle.RetryAfter(address, userId) is { } accountWait)
        {
            audit.Record(AuditEventTypes.LoginLocked, userId, detail: "account throttled");
            return TokenGrant.Refused(ApiProblems.TooManyRequests(http.Response, accountWait, TooManyFailures));
        }

        var user = grains.GetGrain<IUserGrain>(userId.Value);
        var result = await user.CheckPasswordAsync(password);
        switch (result)
        {
            case { Status: LoginStatus.Succeeded, User: { } profile }:
                var refresh = tokens.NewRefreshToken(Guid.CreateVersion7());
                await user.StartRefreshFamilyAsync(refresh);
                audit.Record(AuditEventTypes.LoginSucceeded, profile.UserId, profile.UserId);
                return TokenGrant.Granted(tokens.Issue(profile, refresh));
            case { Status: LoginStatus.LockedOut }:
                audit.Record(AuditEventTypes.LoginLocked, userId, detail: "account locked");
                return TokenGrant.Refused(ApiProblems.TooManyRequests(
                    http.Response, TimeSpan.FromSeconds(result.RetryAfterSeconds ?? 60), "Too many failed logins; the account is locked for a while."));
            default:
                audit.Record(AuditEventTypes.LoginFailed, userId, detail: "invalid credentials");
                throttle.RecordFailure(address, userId);
                return TokenGrant.Refused(ApiProblems.Unauthorized(http.Response, InvalidCredentials));
        }
    }

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
