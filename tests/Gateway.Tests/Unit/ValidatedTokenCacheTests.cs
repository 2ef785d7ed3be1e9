using System.Security.Claims;
using Gateway.Api.Auth;
using Grains.Interfaces;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Unit;

public class ValidatedTokenCacheTests
{
    private static readonly UserView Alice = new(
        Guid.NewGuid(), "alice", "alice@example.com", "Alice", "A", UserRole.User, DateTimeOffset.UtcNow);

    /// <summary>A token service without clock skew, and an access token of Alice's it issued.</summary>
    private static (TokenService Tokens, string Token) Issue(TimeSpan lifetime)
    {
        var tokens = TokenServiceTests.Create(
            new JwtOptions { SigningKey = SigningKeys.Generate("HS256"), AccessTokenLifetime = lifetime, ClockSkew = TimeSpan.Zero });
        return (tokens, tokens.CreateAccessToken(Alice));
    }

    [Fact]
    public async Task ARememberedTokenStopsValidatingWhenItExpires()
    {
        var (tokens, token) = Issue(TimeSpan.FromSeconds(3));
        using var cache = new ValidatedTokenCache();

        var first = await cache.ValidateTokenAsync(token, tokens.ValidationParameters);
        Assert.True(first.IsValid, first.Exception?.Message);
        Assert.True((await cache.ValidateTokenAsync(token, tokens.ValidationParameters)).IsValid);

        var expires = new JsonWebToken(token).ValidTo;
        await Task.Delay(expires - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));

        Assert.False((await cache.ValidateTokenAsync(token, tokens.ValidationParameters)).IsValid);
    }

    [Fact]
    public async Task AnAlteredCopyOfARememberedTokenIsRefused()
    {
        var (tokens, token) = Issue(TimeSpan.FromMinutes(15));
        using var cache = new ValidatedTokenCache();
        Assert.True((await cache.ValidateTokenAsync(token, tokens.ValidationParameters)).IsValid);

        // Another user's id in the payload, the signature kept.
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace(Alice.UserId.ToString(), Guid.NewGuid().ToString(), StringComparison.Ordinal);
        var altered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.False((await cache.ValidateTokenAsync(altered, tokens.ValidationParameters)).IsValid);
        Assert.True((await cache.ValidateTokenAsync(token, tokens.ValidationParameters)).IsValid);
    }

    [Fact]
    public async Task EachValidationGetsAnIdentityOfItsOwn()
    {
        var (tokens, token) = Issue(TimeSpan.FromMinutes(15));
        using var cache = new ValidatedTokenCache();

        // What runs after validation replaces the role claim on its copy (the user's current role).
        var first = await cache.ValidateTokenAsync(token, tokens.ValidationParameters);
        foreach (var role in first.ClaimsIdentity.FindAll(TokenClaims.Role).ToList())
        {
            first.ClaimsIdentity.RemoveClaim(role);
        }

        first.ClaimsIdentity.AddClaim(new Claim(TokenClaims.Role, "admin"));

        var second = await cache.ValidateTokenAsync(token, tokens.ValidationParameters);
        Assert.NotSame(first.ClaimsIdentity, second.ClaimsIdentity);
        Assert.Equal(["user"], second.ClaimsIdentity.FindAll(TokenClaims.Role).Select(claim => claim.Value));
        Assert.Equal(Alice.UserId.ToString(), second.ClaimsIdentity.FindFirst(TokenClaims.Subject)?.Value);
    }
}
