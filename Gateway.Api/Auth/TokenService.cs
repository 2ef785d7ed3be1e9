using System.Security.Claims;
using Grains.Interfaces;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Api.Auth;

/// <summary>
/// Issues access tokens and rotating refresh tokens, and reads tokens presented in request bodies.
/// Both kinds are JWTs signed with the current key (its <c>kid</c> in the header); the <c>token_type</c> claim keeps them apart.
/// Refresh families live in the user grain: this service only signs and checks.
/// </summary>
public sealed class TokenService
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly JwtSigningKey _key;
    private readonly JwtOptions _options;
    private readonly TimeProvider _time;

    public TokenService(JwtSigningKey key, IOptions<JwtOptions> options, TimeProvider time)
    {
        _key = key;
        _options = options.Value;
        _time = time;
        ValidationParameters = CreateValidationParameters(key, _options);
    }

    /// <summary>Pins algorithm, key, issuer, audience and lifetime; shared with the bearer handler.</summary>
    public TokenValidationParameters ValidationParameters { get; }

    public TokenPair Issue(UserView user, RefreshToken refresh) =>
        new(CreateAccessToken(user), CreateRefreshToken(user.UserId, refresh));

    /// <summary>A new refresh token of <paramref name="familyId"/>, valid for the configured lifetime from now.</summary>
    public RefreshToken NewRefreshToken(Guid familyId)
    {
        var expires = DateTimeOffset.FromUnixTimeSeconds((_time.GetUtcNow() + _options.RefreshTokenLifetime).ToUnixTimeSeconds());
        return new RefreshToken(familyId, Guid.CreateVersion7(), expires);
    }

    public string CreateAccessToken(UserView user) =>
        Sign(_options.AccessTokenLifetime, new Dictionary<string, object>
        {
            [TokenClaims.Subject] = user.UserId.ToString(),
            [TokenClaims.Username] = user.Username,
            [TokenClaims.Role] = user.Role == UserRole.Admin ? "admin" : "user",
            [TokenClaims.TokenId] = Guid.NewGuid().ToString(),
            [TokenClaims.TokenType] = TokenClaims.AccessType,
        });

    /// <summary>An access token of a service client, for its bot user and limited to <paramref name="scopes"/>; it has no refresh token.</summary>
    public string CreateClientAccessToken(UserView bot, Guid clientId, IEnumerable<string> scopes, TimeSpan lifetime) =>
        Sign(lifetime, new Dictionary<string, object>
        {
            [TokenClaims.Subject] = bot.UserId.ToString(),
            [TokenClaims.Username] = bot.Username,
            [TokenClaims.Role] = "user",
            [TokenClaims.TokenId] = Guid.NewGuid().ToString(),
            [TokenClaims.TokenType] = TokenClaims.AccessType,
            [TokenClaims.ClientId] = clientId.ToString(),
            [TokenClaims.Scope] = string.Join(' ', scopes),
        });

    public string CreateRefreshToken(Guid userId, RefreshToken refresh) =>
        Sign(refresh.ExpiresAt - _time.GetUtcNow(), new Dictionary<string, object>
        {
            [TokenClaims.Subject] = userId.ToString(),
            [TokenClaims.FamilyId] = refresh.FamilyId.ToString(),
            [TokenClaims.TokenId] = refresh.TokenId.ToString(),
            [TokenClaims.TokenType] = TokenClaims.RefreshType,
        });

    /// <summary>The claims of <paramref name="token"/> when it is a valid access token of this gateway; null otherwise.</summary>
    public async Task<ClaimsPrincipal?> ReadAccessTokenAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters);
        return result.IsValid && IsAccessToken(ClaimsOf(result)) ? new ClaimsPrincipal(result.ClaimsIdentity) : null;
    }

    /// <summary>The refresh token's identity, or null when it is not a valid refresh token of this gateway.</summary>
    public async Task<PresentedRefreshToken?> ReadRefreshTokenAsync(string token)
    {
        var result = await _handler.ValidateTokenAsync(token, ValidationParameters);
        var claim = ClaimsOf(result);
        if (!result.IsValid
            || claim(TokenClaims.TokenType) != TokenClaims.RefreshType
            || !Guid.TryParse(claim(TokenClaims.Subject), out var userId)
            || !Guid.TryParse(claim(TokenClaims.FamilyId), out var familyId)
            || !Guid.TryParse(claim(TokenClaims.TokenId), out var tokenId)
            || result.SecurityToken is not JsonWebToken jwt)
        {
            return null;
        }

        return new PresentedRefreshToken(userId, new RefreshToken(familyId, tokenId, new DateTimeOffset(jwt.ValidTo, TimeSpan.Zero)));
    }

    /// <summary>An access token names its type and a user id; anything else signed by us (a refresh token) is refused.</summary>
    public static bool IsAccessToken(Func<string, string?> claim) =>
        claim(TokenClaims.TokenType) == TokenClaims.AccessType && Guid.TryParse(claim(TokenClaims.Subject), out _);

    private string Sign(TimeSpan lifetime, Dictionary<string, object> claims)
    {
        var now = _time.GetUtcNow().UtcDateTime;
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            IssuedAt = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = _key.Credentials,
        });
    }

    private static TokenValidationParameters CreateValidationParameters(JwtSigningKey key, JwtOptions options) => new()
    {
        // One algorithm only: a token of another (HS256 "signed" with our public key, or alg none) fails before any key is tried.
        ValidAlgorithms = [key.Algorithm],

        // The key named by the token's kid, current or previous; an unknown kid matches no key and is not tried against the others.
        IssuerSigningKeyResolver = (_, _, kid, _) => key.Resolve(kid),
        TryAllIssuerSigningKeys = false,
        ValidateIssuerSigningKey = true,
        RequireSignedTokens = true,
        ValidIssuer = options.Issuer,
        ValidAudience = options.Audience,
        RequireExpirationTime = true,
        ValidateLifetime = true,
        ClockSkew = options.ClockSkew,
        NameClaimType = TokenClaims.Username,
        RoleClaimType = TokenClaims.Role,
    };

    private static Func<string, string?> ClaimsOf(TokenValidationResult result) =>
        name => result.Claims.TryGetValue(name, out var value) ? value as string : null;
}
