using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Unit;

public class TokenServiceTests
{
    private static readonly UserView Alice = new(
        Guid.NewGuid(), "alice", "alice@example.com", "Alice", "A", UserRole.Admin, DateTimeOffset.UtcNow);

    private static TokenService Create(TimeProvider time, string algorithm = "HS256", string? key = null) =>
        Create(new JwtOptions { Algorithm = algorithm, SigningKey = key ?? SigningKeys.Generate(algorithm) }, time);

    /// <summary>A token service over <paramref name="options"/>, its keys as the gateway builds them (also for <see cref="ValidatedTokenCacheTests"/>).</summary>
    internal static TokenService Create(JwtOptions options, TimeProvider? time = null) =>
        new(SigningKeyTests.Ring(options), Options.Create(options), time ?? TimeProvider.System);

    /// <summary>An access token of Alice's, signed outside the token service with any key, algorithm and kid.</summary>
    private static string Forge(SigningCredentials credentials) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = new JwtOptions().Issuer,
            Audience = new JwtOptions().Audience,
            Expires = DateTime.UtcNow.AddMinutes(5),
            Claims = new Dictionary<string, object> { ["sub"] = Alice.UserId.ToString(), ["token_type"] = "access" },
            SigningCredentials = credentials,
        });

    private static SecurityKey KeyOf(string algorithm, string material, string? kid)
    {
        var key = SigningKeys.TryCreate(algorithm, material, signing: true, "test", out var error) ?? throw new InvalidOperationException(error);
        key.KeyId = kid;
        return key;
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task IssuedTokensValidateAsTheirOwnKindOnly(string algorithm)
    {
        var tokens = Create(TimeProvider.System, algorithm);
        var refresh = tokens.NewRefreshToken(Guid.NewGuid());
        var pair = tokens.Issue(Alice, refresh);

        Assert.NotNull(await tokens.ReadAccessTokenAsync(pair.Access));
        Assert.Null(await tokens.ReadAccessTokenAsync(pair.Refresh));
        Assert.Null(await tokens.ReadRefreshTokenAsync(pair.Access));
        var presented = await tokens.ReadRefreshTokenAsync(pair.Refresh);
        Assert.Equal(new PresentedRefreshToken(Alice.UserId, refresh), presented);
    }

    [Theory]
    [InlineData(14, true)]
    [InlineData(16, false)]
    public async Task AccessTokensLastFifteenMinutesPlusASmallSkew(int minutesAgo, bool valid)
    {
        // Validation reads the real clock: issue from a clock set back in time.
        var key = SigningKeys.Generate("HS256");
        var issuer = Create(new ManualTimeProvider(DateTimeOffset.UtcNow.AddMinutes(-minutesAgo)), key: key);
        var validator = Create(TimeProvider.System, key: key);
        Assert.Equal(valid, await validator.ReadAccessTokenAsync(issuer.CreateAccessToken(Alice)) is not null);
    }

    [Fact]
    public void RefreshTokensExpireAfterSevenDaysInWholeSeconds()
    {
        var now = new DateTimeOffset(2026, 11, 22, 7, 50, 0, 123, TimeSpan.Zero);
        var refresh = Create(new ManualTimeProvider(now)).NewRefreshToken(Guid.NewGuid());
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 7, 50, 0, TimeSpan.Zero), refresh.ExpiresAt);
    }

    [Fact]
    public async Task GarbageIsNotAToken()
    {
        var tokens = Create(TimeProvider.System);
        Assert.Null(await tokens.ReadAccessTokenAsync("not.a.token"));
        Assert.Null(await tokens.ReadRefreshTokenAsync("garbage"));
        Assert.Null(await tokens.ReadRefreshTokenAsync(string.Empty));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public void TokensCarryTheCurrentKeyIdInTheirHeader(string algorithm)
    {
        var options = new JwtOptions { Algorithm = algorithm, SigningKey = SigningKeys.Generate(algorithm), KeyId = "key-2026-11" };
        var pair = Create(options).Issue(Alice, Create(options).NewRefreshToken(Guid.NewGuid()));
        Assert.Equal("key-2026-11", new JsonWebToken(pair.Access).Kid);
        Assert.Equal("key-2026-11", new JsonWebToken(pair.Refresh).Kid);
        Assert.Equal(algorithm, new JsonWebToken(pair.Access).Alg);
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task TokensOfThePreviousKeyValidateUntilThatKeyIsRemoved(string algorithm)
    {
        var oldMaterial = SigningKeys.Generate(algorithm);
        var before = Create(new JwtOptions { Algorithm = algorithm, SigningKey = oldMaterial });
        var access = before.CreateAccessToken(Alice);
        var refresh = before.CreateRefreshToken(Alice.UserId, before.NewRefreshToken(Guid.NewGuid()));

        // Rotation: a new signing key; the old one stays as a previous key (its public part only, for RS256/ES256).
        var verificationOnly = algorithm == "HS256" ? oldMaterial : PublicPemOf(algorithm, oldMaterial);
        var newMaterial = SigningKeys.Generate(algorithm);
        var during = Create(new JwtOptions { Algorithm = algorithm, SigningKey = newMaterial, PreviousKeys = [new() { Key = verificationOnly }] });
        Assert.NotNull(await during.ReadAccessTokenAsync(access));
        Assert.NotNull(await during.ReadRefreshTokenAsync(refresh));
        Assert.NotNull(await during.ReadAccessTokenAsync(during.CreateAccessToken(Alice)));
        Assert.NotEqual(new JsonWebToken(access).Kid, new JsonWebToken(during.CreateAccessToken(Alice)).Kid);

        var after = Create(new JwtOptions { Algorithm = algorithm, SigningKey = newMaterial });
        Assert.Null(await after.ReadAccessTokenAsync(access));
        Assert.Null(await after.ReadRefreshTokenAsync(refresh));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task AnUnknownKeyIdIsRefusedEvenUnderAGoodSignature(string algorithm)
    {
        var material = SigningKeys.Generate(algorithm);
        var tokens = Create(new JwtOptions { Algorithm = algorithm, SigningKey = material });
        Assert.Null(await tokens.ReadAccessTokenAsync(Forge(new SigningCredentials(KeyOf(algorithm, material, "unknown-kid"), algorithm))));
        Assert.NotNull(await tokens.ReadAccessTokenAsync(Forge(new SigningCredentials(KeyOf(algorithm, material, KidOf(tokens)), algorithm))));
    }

    [Theory]
    [InlineData("HS256")]
    [InlineData("RS256")]
    public async Task TokensWithoutAKeyIdFromBeforeKeyIdsStillValidate(string algorithm)
    {
        var material = SigningKeys.Generate(algorithm);
        var tokens = Create(new JwtOptions { Algorithm = algorithm, SigningKey = material });
        Assert.NotNull(await tokens.ReadAccessTokenAsync(Forge(new SigningCredentials(KeyOf(algorithm, material, kid: null), algorithm))));
    }

    [Theory]
    [InlineData("RS256")]
    [InlineData("ES256")]
    public async Task AnHs256TokenKeyedWithThePublicKeyIsRefused(string algorithm)
    {
        var material = SigningKeys.Generate(algorithm);
        var tokens = Create(new JwtOptions { Algorithm = algorithm, SigningKey = material });
        var publicPem = PublicPemOf(algorithm, material);
        var publicDer = Convert.FromBase64String(string.Concat(publicPem.Split('\n').Where(line => !line.StartsWith("-----", StringComparison.Ordinal))));
        foreach (var secret in new[] { System.Text.Encoding.UTF8.GetBytes(publicPem), publicDer })
        {
            foreach (var kid in new[] { KidOf(tokens), null })
            {
                var confused = new SigningCredentials(new SymmetricSecurityKey(secret) { KeyId = kid }, SecurityAlgorithms.HmacSha256);
                Assert.Null(await tokens.ReadAccessTokenAsync(Forge(confused)));
            }
        }
    }

    [Fact]
    public async Task ATokenOfTheOtherAsymmetricAlgorithmIsRefused()
    {
        var tokens = Create(new JwtOptions { Algorithm = "RS256", SigningKey = SigningKeys.Generate("RS256"), KeyId = "k" });
        var ecdsa = KeyOf("ES256", SigningKeys.Generate("ES256"), "k");
        Assert.Null(await tokens.ReadAccessTokenAsync(Forge(new SigningCredentials(ecdsa, "ES256"))));
    }

    private static string KidOf(TokenService tokens) => new JsonWebToken(tokens.CreateAccessToken(Alice)).Kid;

    private static string PublicPemOf(string algorithm, string privatePem)
    {
        if (algorithm == "RS256")
        {
            using var rsa = System.Security.Cryptography.RSA.Create();
            rsa.ImportFromPem(privatePem);
            return rsa.ExportSubjectPublicKeyInfoPem();
        }

        using var ecdsa = System.Security.Cryptography.ECDsa.Create();
        ecdsa.ImportFromPem(privatePem);
        return ecdsa.ExportSubjectPublicKeyInfoPem();
    }
}
