using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

/// <summary>The user grain as the authority on activation and role; the directory and the audit trail it feeds.</summary>
public abstract class AdministrationTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task DeactivationRevokesRefreshFamiliesAndRefusesTheRightPassword()
    {
        var admin = await NewUserAsync();
        var id = await NewUserAsync();
        var token = new RefreshToken(Guid.NewGuid(), Guid.NewGuid(), DateTimeOffset.UtcNow.AddDays(1));
        await User(id).StartRefreshFamilyAsync(token);

        var view = await User(id).AdministerAsync(new AdminUserUpdate(admin, null, IsActive: false));

        Assert.False(view.IsActive);
        Assert.Equal(new UserAccess(true, false, UserRole.User), await User(id).GetAccessAsync());
        Assert.Equal(LoginStatus.Invalid, (await User(id).CheckPasswordAsync(Password)).Status);
        var next = token with { TokenId = Guid.NewGuid() };
        Assert.Equal(RefreshOutcome.Invalid, await User(id).RotateRefreshAsync(token, next));

        await User(id).AdministerAsync(new AdminUserUpdate(admin, null, IsActive: true));
        var login = await User(id).CheckPasswordAsync(Password);
        Assert.Equal(LoginStatus.Succeeded, login.Status);
        Assert.NotNull((await User(id).GetAdminViewAsync()).LastLoginAt);
    }

    [Fact]
    public async Task AnAdminCannotDeactivateOrDemoteThemselfButMayPromoteThemself()
    {
        var id = await NewUserAsync();
        await Assert.ThrowsAsync<InvalidRequestException>(() => User(id).AdministerAsync(new AdminUserUpdate(id, null, IsActive: false)));
        await Assert.ThrowsAsync<InvalidRequestException>(() => User(id).AdministerAsync(new AdminUserUpdate(id, UserRole.User, null)));
        Assert.Equal(UserRole.Admin, (await User(id).AdministerAsync(new AdminUserUpdate(id, UserRole.Admin, true))).Role);
        await Assert.ThrowsAsync<NotFoundException>(() => User(Guid.NewGuid()).AdministerAsync(new AdminUserUpdate(id, UserRole.Admin, null)));
        Assert.False((await User(Guid.NewGuid()).GetAccessAsync()).Exists);
    }

    [Fact]
    public async Task TheDirectoryFollowsRegistrationRoleAndActivation()
    {
        var admin = await NewUserAsync();
        var name = UniqueName("dirtest");
        var id = await NewUserAsync(name);
        var directory = Client.GetGrain<IUserDirectoryGrain>(0);

        var found = await directory.QueryAsync(new UserDirectoryQuery(name.ToUpperInvariant(), null, null, 0, 10));
        Assert.Equal(id, Assert.Single(found.Users).UserId);

        await User(id).AdministerAsync(new AdminUserUpdate(admin, UserRole.Admin, IsActive: false));
        var changed = await directory.QueryAsync(new UserDirectoryQuery(name, UserRole.Admin, false, 0, 10));
        Assert.Equal((UserRole.Admin, false), (Assert.Single(changed.Users).Role, changed.Users[0].IsActive));
        Assert.Empty((await directory.QueryAsync(new UserDirectoryQuery(name, null, true, 0, 10))).Users);
    }
}
