using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ThrottleTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private static readonly TimeSpan Window = TimeSpan.FromSeconds(1);

    private IThrottleGrain Throttle(string key) => Client.GetGrain<IThrottleGrain>(key);

    private static string NewKey() => ThrottleKeys.SendsBy(Guid.NewGuid());

    [Fact]
    public async Task TheHitThatUsesTheLastPermitIsAllowedAndTheNextIsRefused()
    {
        var throttle = Throttle(NewKey());
        var policy = new ThrottlePolicy(3, TimeSpan.FromMinutes(1), TimeSpan.Zero);

        var first = await throttle.HitAsync(policy);
        var second = await throttle.HitAsync(policy);
        var third = await throttle.HitAsync(policy);
        var fourth = await throttle.HitAsync(policy);

        Assert.Equal((true, true, true, false), (first.Allowed, second.Allowed, third.Allowed, fourth.Allowed));
        Assert.Equal((false, false), (first.IsBlocked, second.IsBlocked));
        Assert.InRange(third.RetryAfter!.Value, TimeSpan.FromSeconds(59), TimeSpan.FromMinutes(1));
        Assert.InRange(fourth.RetryAfter!.Value, TimeSpan.FromSeconds(1), third.RetryAfter.Value);
        Assert.False((await throttle.PeekAsync()).Allowed);
    }

    [Fact]
    public async Task AFreshWindowStartsOnceTheOldOneEnds()
    {
        var throttle = Throttle(NewKey());
        var policy = new ThrottlePolicy(2, Window, TimeSpan.Zero);
        await throttle.HitAsync(policy);
        await throttle.HitAsync(policy);
        Assert.False((await throttle.HitAsync(policy)).Allowed);

        await Task.Delay(Window + TimeSpan.FromMilliseconds(200));

        Assert.Equal(ThrottleDecision.Open, await throttle.PeekAsync());
        Assert.Equal(ThrottleDecision.Open, await throttle.HitAsync(policy));
    }

    [Fact]
    public async Task ABlockLastsItsOwnDurationFromTheHitThatReachedTheLimit()
    {
        var throttle = Throttle(ThrottleKeys.LoginFailuresOfUnknown($"Nobody_{Guid.NewGuid():N}"));
        var lockout = new ThrottlePolicy(2, TimeSpan.FromMinutes(15), TimeSpan.FromSeconds(1));

        Assert.Equal(ThrottleDecision.Open, await throttle.HitAsync(lockout));
        var locking = await throttle.HitAsync(lockout);

        Assert.True(locking.Allowed);
        Assert.Equal(TimeSpan.FromSeconds(1), locking.RetryAfter);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.Equal(ThrottleDecision.Open, await throttle.PeekAsync());
    }

    [Fact]
    public async Task PeekingCountsNothing()
    {
        var throttle = Throttle(NewKey());
        var policy = new ThrottlePolicy(1, TimeSpan.FromMinutes(1), TimeSpan.Zero);

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(ThrottleDecision.Open, await throttle.PeekAsync());
        }

        Assert.True((await throttle.HitAsync(policy)).Allowed);
    }

    [Fact]
    public void UnknownLoginKeysIgnoreCaseAsUsernamesDo() =>
        Assert.Equal(ThrottleKeys.LoginFailuresOfUnknown("alice"), ThrottleKeys.LoginFailuresOfUnknown("ALICE"));

    [Fact]
    public void TheDefaultLockoutIsFiveFailuresInFifteenMinutesForFifteenMinutes() =>
        Assert.Equal(
            new ThrottlePolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)),
            new UserGrainOptions().ToLockoutPolicy());
}
