using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class RefreshTokenTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    private static RefreshToken Token(Guid family, TimeSpan? lifetime = null) =>
        new(family, Guid.NewGuid(), DateTimeOffset.UtcNow + (lifetime ?? TimeSpan.FromDays(7)));

    [Fact]
    public async Task RotatingTheCurrentTokenReplacesIt()
    {
        var id = await NewUserAsync();
        var family = Guid.NewGuid();
        var first = Token(family);
        var second = Token(family);
        var third = Token(family);
        await User(id).StartRefreshFamilyAsync(first);

        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(first, second));
        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(second, third));
    }

    [Fact]
    public async Task PresentingARotatedTokenIsReuseAndRevokesTheWholeFamily()
    {
        var id = await NewUserAsync();
        var family = Guid.NewGuid();
        var first = Token(family);
        var second = Token(family);
        await User(id).StartRefreshFamilyAsync(first);
        await User(id).RotateRefreshAsync(first, second);

        Assert.Equal(RefreshOutcome.Reused, await User(id).RotateRefreshAsync(first, Token(family)));
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RotateRefreshAsync(second, Token(family)));
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RevokeRefreshFamilyAsync(second));
    }

    [Fact]
    public async Task ReuseInOneFamilyLeavesTheUsersOtherLoginsAlone()
    {
        var id = await NewUserAsync();
        var (stolen, other) = (Guid.NewGuid(), Guid.NewGuid());
        var stolenFirst = Token(stolen);
        var otherFirst = Token(other);
        await User(id).StartRefreshFamilyAsync(stolenFirst);
        await User(id).StartRefreshFamilyAsync(otherFirst);
        await User(id).RotateRefreshAsync(stolenFirst, Token(stolen));

        Assert.Equal(RefreshOutcome.Reused, await User(id).RotateRefreshAsync(stolenFirst, Token(stolen)));
        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(otherFirst, Token(other)));
    }

    [Fact]
    public async Task TheSameRotationDeliveredTwiceIsNotReuse()
    {
        var id = await NewUserAsync();
        var family = Guid.NewGuid();
        var first = Token(family);
        var second = Token(family);
        await User(id).StartRefreshFamilyAsync(first);

        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(first, second));
        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(first, second));
        Assert.Equal(RefreshOutcome.Ok, await User(id).RotateRefreshAsync(second, Token(family)));
    }

    [Fact]
    public async Task RevokingALiveFamilyEndsItOnce()
    {
        var id = await NewUserAsync();
        var family = Guid.NewGuid();
        var first = Token(family);
        await User(id).StartRefreshFamilyAsync(first);

        Assert.Equal(RefreshOutcome.Ok, await User(id).RevokeRefreshFamilyAsync(first));
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RevokeRefreshFamilyAsync(first));
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RotateRefreshAsync(first, Token(family)));
    }

    [Fact]
    public async Task UnknownAndExpiredFamiliesAreInvalid()
    {
        var id = await NewUserAsync();
        var family = Guid.NewGuid();
        var shortLived = Token(family, TimeSpan.FromMilliseconds(300));
        await User(id).StartRefreshFamilyAsync(shortLived);
        await Task.Delay(500);

        Assert.Equal(RefreshOutcome.Invalid, await User(id).RotateRefreshAsync(shortLived, Token(family)));
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RevokeRefreshFamilyAsync(shortLived));
        var unknown = Token(Guid.NewGuid());
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RotateRefreshAsync(unknown, Token(unknown.FamilyId)));
        Assert.Equal(RefreshOutcome.Invalid, await User(Guid.NewGuid()).RotateRefreshAsync(unknown, Token(unknown.FamilyId)));
    }

    [Fact]
    public async Task AFamilyCannotStartAlreadyExpiredOrForAnUnknownUser()
    {
        var id = await NewUserAsync();

        await Assert.ThrowsAsync<InvalidRequestException>(() => User(id).StartRefreshFamilyAsync(Token(Guid.NewGuid(), TimeSpan.FromSeconds(-1))));
        await Assert.ThrowsAsync<NotFoundException>(() => User(Guid.NewGuid()).StartRefreshFamilyAsync(Token(Guid.NewGuid())));
    }
}
