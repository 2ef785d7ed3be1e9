using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class LoginLockoutTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task TheRightPasswordSucceedsWithTheProfile()
    {
        var id = await NewUserAsync();

        var result = await User(id).CheckPasswordAsync(Password);

        Assert.Equal(LoginStatus.Succeeded, result.Status);
        Assert.Equal(await User(id).GetAsync(), result.User);
        Assert.Null(result.RetryAfterSeconds);
    }

    [Fact]
    public async Task AWrongPasswordAndAnUnknownUserGetTheSameAnswer()
    {
        var id = await NewUserAsync();

        var wrong = await User(id).CheckPasswordAsync("wrong password");
        var unknown = await User(Guid.NewGuid()).CheckPasswordAsync(Password);

        Assert.Equal(new LoginResult(LoginStatus.Invalid, null, null), wrong);
        Assert.Equal(wrong, unknown);
    }

    [Fact]
    public async Task RepeatedFailuresLockTheAccountOutEvenForTheRightPasswordUntilTheLockoutEnds()
    {
        var id = await NewUserAsync();
        var lockoutSeconds = (int)Math.Ceiling(ClusterSettings.LockoutDuration.TotalSeconds);

        var failures = new List<LoginStatus>();
        for (var i = 0; i < 4; i++)
        {
            failures.Add((await User(id).CheckPasswordAsync("wrong password")).Status);
        }

        var fifth = await User(id).CheckPasswordAsync("wrong password");
        var right = await User(id).CheckPasswordAsync(Password);

        Assert.Equal(Enumerable.Repeat(LoginStatus.Invalid, 4), failures);
        Assert.Equal((LoginStatus.LockedOut, lockoutSeconds), (fifth.Status, fifth.RetryAfterSeconds));
        Assert.Equal(LoginStatus.LockedOut, right.Status);
        Assert.InRange(right.RetryAfterSeconds!.Value, 1, lockoutSeconds);
        Assert.Null(right.User);

        await Task.Delay(ClusterSettings.LockoutDuration + TimeSpan.FromMilliseconds(200));
        Assert.Equal(LoginStatus.Succeeded, (await User(id).CheckPasswordAsync(Password)).Status);
    }

    [Fact]
    public async Task ASuccessResetsTheFailureCount()
    {
        var id = await NewUserAsync();

        for (var i = 0; i < 4; i++)
        {
            await User(id).CheckPasswordAsync("wrong password");
        }

        await User(id).CheckPasswordAsync(Password);
        var statuses = new List<LoginStatus>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await User(id).CheckPasswordAsync("wrong password")).Status);
        }

        Assert.Equal(Enumerable.Repeat(LoginStatus.Invalid, 4), statuses);
        Assert.Equal(LoginStatus.Succeeded, (await User(id).CheckPasswordAsync(Password)).Status);
    }

    [Fact]
    public async Task ALockoutOfOneUserLeavesOthersAlone()
    {
        var (locked, other) = (await NewUserAsync(), await NewUserAsync());

        for (var i = 0; i < 5; i++)
        {
            await User(locked).CheckPasswordAsync("wrong password");
        }

        Assert.Equal(LoginStatus.LockedOut, (await User(locked).CheckPasswordAsync(Password)).Status);
        Assert.Equal(LoginStatus.Succeeded, (await User(other).CheckPasswordAsync(Password)).Status);
    }
}
