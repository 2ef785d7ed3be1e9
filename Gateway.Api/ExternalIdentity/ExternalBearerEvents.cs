using Gateway.Api.Admin;
using Gateway.Api.Auth;
using Grains.Interfaces;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Orleans;

namespace Gateway.Api.ExternalIdentity;

/// <summary>
/// After the bearer handler has validated an external provider's token (issuer, audience, lifetime, signature by a
/// key of the provider's JWKS): the provider's (issuer, sub) becomes the local user, created at first sight.
/// </summary>
internal static partial class ExternalBearerEvents
{
    public static JwtBearerEvents Create(string issuer) => new()
    {
        OnTokenValidated = context => SignInAsync(context, issuer),
        OnChallenge = BearerEvents.ChallengeAsync,
    };

    private static async Task SignInAsync(TokenValidatedContext context, string issuer)
    {
        string? Claim(string type) => context.Principal?.FindFirst(type)?.Value;

        var logger = context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ExternalBearerEvents));
        var subject = Claim("sub");
        if (string.IsNullOrEmpty(subject))
        {
            LogNoSubject(logger, issuer);
            context.Fail("The token names no subject.");
            return;
        }

        var profile = new ExternalProfile(
            issuer,
            subject,
            Claim("preferred_username"),
            Claim("email"),
            string.Equals(Claim("email_verified"), "true", StringComparison.OrdinalIgnoreCase),
            Claim("given_name"),
            Claim("family_name"));

        // A grain failure propagates (the bearer handler rethrows it): the caller gets a 503, not a misleading 401.
        var grains = context.HttpContext.RequestServices.GetRequiredService<IGrainFactory>();
        var user = await grains.GetGrain<IExternalIdentityGrain>(ExternalIdentityKeys.For(issuer, subject)).SignInAsync(profile);
        LogSignedIn(logger, issuer, subject, user.UserId);
        context.Principal = LocalUserPrincipal.For(user, issuer, context.Scheme.Name);
        if (await UserAccessCheck.ApplyAsync(context.Principal, context.HttpContext.RequestServices) is null)
        {
            context.Fail(UserAccessCheck.Deactivated);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A token of external issuer {Issuer} has no sub claim; refused")]
    private static partial void LogNoSubject(ILogger logger, string issuer);

    [LoggerMessage(Level = LogLevel.Debug, Message = "External identity {Subject} of {Issuer} is local user {UserId}")]
    private static partial void LogSignedIn(ILogger logger, string issuer, string subject, Guid userId);
}
