using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>
/// The bearer handler's token handler for this gateway's own tokens: it validates a token (signature, algorithm,
/// issuer, audience, lifetime: <see cref="JsonWebTokenHandler"/>, with the parameters of <see cref="TokenService"/>)
/// the first time it is presented, and remembers a token that passed, by its exact text, until the token expires.
/// A client presents the same access token on every request until it refreshes it, and validating it again (parsing
/// it, checking its signature, building its claims) was about a sixth of a read's CPU.
/// <para>
/// Only valid tokens are remembered, and only until their <c>exp</c> (the clock skew is not added: after that the
/// token is validated again, as before), so a forged, altered or expired token is never answered from here. The
/// keys are fixed for the process's lifetime. Every request gets its own copy of the identity: what runs after
/// validation (the token kind check, <see cref="Admin.UserAccessCheck"/> with the user's current role and
/// deactivation) runs on every request, as before, and may change its copy.
/// </para>
/// </summary>
internal sealed class ValidatedTokenCache : JsonWebTokenHandler, IDisposable
{
    /// <summary>The most tokens remembered; beyond it, new tokens are validated on every request until older ones expire.</summary>
    public const int Capacity = 10_000;

    private readonly MemoryCache _validated = new(new MemoryCacheOptions { SizeLimit = Capacity });

    public ValidatedTokenCache() => MapInboundClaims = false;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        if (token is not null && _validated.TryGetValue(token, out TokenValidationResult? known) && known is not null)
        {
            return Copy(known);
        }

        var result = await base.ValidateTokenAsync(token!, validationParameters);
        if (!result.IsValid || result.SecurityToken is not { } validated)
        {
            return result;
        }

        var expires = new DateTimeOffset(DateTime.SpecifyKind(validated.ValidTo, DateTimeKind.Utc));
        if (expires > DateTimeOffset.UtcNow)
        {
            _validated.Set(token!, result, new MemoryCacheEntryOptions { AbsoluteExpiration = expires, Size = 1 });
        }

        return Copy(result);
    }

    public void Dispose() => _validated.Dispose();

    private static TokenValidationResult Copy(TokenValidationResult validated) => new()
    {
        IsValid = true,
        ClaimsIdentity = validated.ClaimsIdentity.Clone(),
        SecurityToken = validated.SecurityToken,
        Issuer = validated.Issuer,
        TokenType = validated.TokenType,
    };
}
