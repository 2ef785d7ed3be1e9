using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Infrastructure;

/// <summary>
/// Signs tokens the way a client or an attacker could, independently of the gateway's token service:
/// with the gateway's key (valid), another key, another issuer or audience, past lifetimes, or no signature.
/// </summary>
public sealed class TestTokens(SigningCredentials credentials, string issuer, string audience)
{
    /// <summary>Tokens of an HS256 gateway whose secret is <paramref name="signingKey"/>.</summary>
    public TestTokens(string signingKey, string issuer, string audience)
        : this(Hmac(signingKey), issuer, audience)
    {
    }

    /// <summary>What the gateway signs with: its key (with the key id the gateway gives it, if known) and algorithm.</summary>
    public SigningCredentials Credentials { get; } = credentials;

    public string Access(TestUser user) => Sign(AccessClaims(user));

    /// <summary>
    /// A token with these claims, signed with the gateway's credentials unless <paramref name="key"/> (an HS256
    /// secret) or <paramref name="signedWith"/> (any key and algorithm) says otherwise.
    /// </summary>
    public string Sign(
        Dictionary<string, object> claims,
        string? key = null,
        string? issuer1 = null,
        string? audience1 = null,
        DateTime? issuedAt = null,
        TimeSpan? lifetime = null,
        SigningCredentials? signedWith = null)
    {
        var now = issuedAt ?? DateTime.UtcNow;
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer1 ?? issuer,
            Audience = audience1 ?? audience,
            IssuedAt = now,
            Expires = now + (lifetime ?? TimeSpan.FromMinutes(15)),
            Claims = claims,
            SigningCredentials = signedWith ?? (key is null ? Credentials : Hmac(key)),
        });
    }

    /// <summary>The same claims, unsigned: header <c>{"alg":"none"}</c> and an empty signature.</summary>
    public string Unsigned(Dictionary<string, object> claims)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new Dictionary<string, object>(claims)
        {
            ["iss"] = issuer,
            ["aud"] = audience,
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(15).ToUnixTimeSeconds(),
        };
        return $"{Base64UrlEncoder.Encode("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64UrlEncoder.Encode(System.Text.Json.JsonSerializer.Serialize(payload))}.";
    }

    public static Dictionary<string, object> AccessClaims(TestUser user) => new()
    {
        ["sub"] = user.Id.ToString(),
        ["username"] = user.Username,
        ["role"] = user.Role,
        ["jti"] = Guid.NewGuid().ToString(),
        ["token_type"] = "access",
    };

    private static SigningCredentials Hmac(string secret) =>
        new(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256);
}
