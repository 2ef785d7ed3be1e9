using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Unit;

public class TokenServiceTests
{
    private static readonly UserView Alice = new(
        Guid.NewGuid(), "alice", "alice@example.com", "Alice", "A", UserRole.Admin, DateTimeOffset.UtcNow);

    private static TokenService Create(TimeProvider time, string algorithm = "HS256", string? key = null)
    {
        var options = Options.Create(new JwtOptions { Algorithm = algorithm, SigningKey = key ?? SigningKeys.Generate(algorithm) });
        var environment = new HostingEnvironment { EnvironmentName = Environments.Production };
        var signingKey = new JwtSigningKey(options, Options.Create(new MessagingOptions()), environment);
        return new TokenService(signingKey, options, time);
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

        Assert.True(await tokens.IsValidAccessTokenAsync(pair.Access));
        Assert.False(await tokens.IsValidAccessTokenAsync(pair.Refresh));
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
        Assert.Equal(valid, await validator.IsValidAccessTokenAsync(issuer.CreateAccessToken(Alice)));
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
        Assert.False(await tokens.IsValidAccessTokenAsync("not.a.token"));
        Assert.Null(await tokens.ReadRefreshTokenAsync("garbage"));
        Assert.Null(await tokens.ReadRefreshTokenAsync(string.Empty));
    }
}
