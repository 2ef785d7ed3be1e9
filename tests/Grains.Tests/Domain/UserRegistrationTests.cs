using Grains.Interfaces;
using Grains.Tests.Clusters;
using Orleans.Runtime;

namespace Grains.Tests.Domain;

public abstract class UserRegistrationTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task ARegisteredUserHasTheProfileGiven()
    {
        var id = Guid.NewGuid();
        var username = UniqueName("Alice");

        var view = await User(id).RegisterAsync(new RegisterUser(username, $"{username}@Example.com", Password, "Alice", "Liddell", UserRole.User));

        Assert.Equal(
            new UserView(id, username, $"{username}@Example.com", "Alice", "Liddell", UserRole.User, view.CreatedAt),
            view);
        Assert.Equal(view, await User(id).GetAsync());
        Assert.Equal(id, await Username(username).GetUserIdAsync());
        Assert.Equal(id, await Email($"{username}@example.com").GetUserIdAsync());
    }

    [Fact]
    public async Task ARegistrationThatFailsHalfWayGivesItsUsernameBack()
    {
        var username = UniqueName("half");

        var failure = await Assert.ThrowsAsync<NestedCallFailedException>(() =>
            User(Guid.NewGuid()).RegisterAsync(Registration(username, $"{username}@{RefusingCallFilter.UnreachableEmailDomain}")));

        Assert.IsType<SiloUnavailableException>(failure.InnerException);
        Assert.Null(await Username(username).GetUserIdAsync());

        // The client's retry, as a new user.
        var id = Guid.NewGuid();
        await User(id).RegisterAsync(Registration(username));
        Assert.Equal(id, await Username(username).GetUserIdAsync());
    }

    [Fact]
    public async Task AnUnregisteredUserIsNotFound()
    {
        await Assert.ThrowsAsync<NotFoundException>(() => User(Guid.NewGuid()).GetAsync());
        await Assert.ThrowsAsync<NotFoundException>(() => User(Guid.NewGuid()).UpdateProfileAsync(new UpdateProfile("a", null, null)));
    }

    [Theory]
    [InlineData("ab", "username")]
    [InlineData("has space", "username")]
    [InlineData("semi;colon", "username")]
    [InlineData("", "username")]
    public async Task AnInvalidUsernameIsRefused(string username, string field)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(username, $"{Guid.NewGuid():N}@example.com")));

        Assert.Equal([field], error.Errors!.Keys);
    }

    [Fact]
    public async Task UsernamesMayHoldLettersDigitsAndAtDotPlusMinusUnderscoreUpTo150()
    {
        var unicode = $"Zoë.+-_@{Guid.NewGuid():N}"[..20];
        var longest = $"{Guid.NewGuid():N}" + new string('x', 150 - 32);

        await User(Guid.NewGuid()).RegisterAsync(Registration(unicode, $"{Guid.NewGuid():N}@example.com"));
        await User(Guid.NewGuid()).RegisterAsync(Registration(longest, $"{Guid.NewGuid():N}@example.com"));
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(longest + "x", $"{Guid.NewGuid():N}@example.com")));

        Assert.Contains("username", error.Errors!.Keys);
    }

    [Theory]
    [InlineData("not-an-email")]
    [InlineData("two@@example.com")]
    [InlineData("Name <name@example.com>")]
    [InlineData("name@localhost")]
    [InlineData(" name@example.com")]
    public async Task AnInvalidEmailIsRefused(string email)
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(UniqueName(), email)));

        Assert.Equal(["email"], error.Errors!.Keys);
    }

    [Theory]
    [InlineData("short1")]
    [InlineData("1234567890")]
    [InlineData("SAME_AS_USERNAME")]
    public async Task AWeakPasswordIsRefused(string password)
    {
        var username = "same_as_username";
        if (password != "SAME_AS_USERNAME")
        {
            username = UniqueName();
        }

        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(username, password: password)));

        Assert.Equal(["password"], error.Errors!.Keys);
    }

    [Fact]
    public async Task EveryInvalidFieldIsReportedAtOnce()
    {
        var error = await Assert.ThrowsAsync<InvalidRequestException>(() => User(Guid.NewGuid()).RegisterAsync(
            new RegisterUser("x", "nope", "123", new string('f', 151), new string('l', 151), UserRole.User)));

        Assert.Equal(["email", "first_name", "last_name", "password", "username"], error.Errors!.Keys.Order());
    }

    [Fact]
    public async Task ATakenUsernameIsAConflictWhateverItsCaseAndReleasesTheEmail()
    {
        var username = UniqueName("Bob");
        await User(Guid.NewGuid()).RegisterAsync(Registration(username));
        var email = $"{Guid.NewGuid():N}@example.com";

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(username.ToUpperInvariant(), email)));

        Assert.Contains("username", conflict.Message, StringComparison.Ordinal);
        Assert.Null(await Email(email).GetUserIdAsync());
        await User(Guid.NewGuid()).RegisterAsync(Registration(UniqueName(), email));
    }

    [Fact]
    public async Task ATakenEmailIsAConflictWhateverItsCaseAndReleasesTheUsername()
    {
        var email = $"{Guid.NewGuid():N}@example.com";
        await User(Guid.NewGuid()).RegisterAsync(Registration(UniqueName(), email));
        var username = UniqueName();

        var conflict = await Assert.ThrowsAsync<ConflictException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(username, email.ToUpperInvariant())));

        Assert.Contains("email", conflict.Message, StringComparison.Ordinal);
        Assert.Null(await Username(username).GetUserIdAsync());
        await User(Guid.NewGuid()).RegisterAsync(Registration(username));
    }

    [Fact]
    public async Task RegisteringAnExistingUserAgainIsAConflict()
    {
        var id = await NewUserAsync();

        await Assert.ThrowsAsync<ConflictException>(() => User(id).RegisterAsync(Registration(UniqueName())));
    }

    [Fact]
    public async Task ANameLeftByACrashedRegistrationIsReclaimedOnceStale()
    {
        var username = UniqueName();
        var ghost = Guid.NewGuid();
        Assert.True(await Username(username).ReserveAsync(ghost));

        await Assert.ThrowsAsync<ConflictException>(() => User(Guid.NewGuid()).RegisterAsync(Registration(username)));
        await Task.Delay(ClusterSettings.ReservationReclaimAge + TimeSpan.FromMilliseconds(200));
        var id = Guid.NewGuid();
        await User(id).RegisterAsync(Registration(username));

        Assert.Equal(id, await Username(username).GetUserIdAsync());
    }

    [Fact]
    public async Task ANameHeldByARegisteredUserIsNeverReclaimed()
    {
        var username = UniqueName();
        var holder = await NewUserAsync(username);
        await Task.Delay(ClusterSettings.ReservationReclaimAge + TimeSpan.FromMilliseconds(200));

        Assert.False(await Username(username).ReserveAsync(Guid.NewGuid()));
        Assert.True(await Username(username).ReserveAsync(holder));
    }

    [Fact]
    public async Task ChangingTheEmailReservesTheNewOneAndReleasesTheOld()
    {
        var username = UniqueName();
        var id = await NewUserAsync(username);
        var oldEmail = $"{username}@example.com";
        var newEmail = $"{Guid.NewGuid():N}@example.com";

        var view = await User(id).UpdateProfileAsync(new UpdateProfile("New", null, newEmail));

        Assert.Equal((newEmail, "New", "Last"), (view.Email, view.FirstName, view.LastName));
        Assert.Equal(id, await Email(newEmail).GetUserIdAsync());
        Assert.Null(await Email(oldEmail).GetUserIdAsync());
        await User(Guid.NewGuid()).RegisterAsync(Registration(UniqueName(), oldEmail));
    }

    [Fact]
    public async Task ChangingToATakenEmailIsAConflictAndChangesNothing()
    {
        var username = UniqueName();
        var id = await NewUserAsync(username);
        var otherName = UniqueName();
        await NewUserAsync(otherName);

        await Assert.ThrowsAsync<ConflictException>(() => User(id).UpdateProfileAsync(new UpdateProfile("Changed", null, $"{otherName}@EXAMPLE.com")));
        var invalid = await Assert.ThrowsAsync<InvalidRequestException>(() => User(id).UpdateProfileAsync(new UpdateProfile(null, null, "nope")));

        Assert.Equal(["email"], invalid.Errors!.Keys);
        var view = await User(id).GetAsync();
        Assert.Equal(($"{username}@example.com", "First"), (view.Email, view.FirstName));
    }

    [Fact]
    public async Task ChangingOnlyTheCaseOfTheEmailKeepsItsReservation()
    {
        var username = UniqueName();
        var id = await NewUserAsync(username);

        var view = await User(id).UpdateProfileAsync(new UpdateProfile(null, null, $"{username}@EXAMPLE.COM"));

        Assert.Equal($"{username}@EXAMPLE.COM", view.Email);
        Assert.Equal(id, await Email($"{username}@example.com").GetUserIdAsync());
    }
}
