using System.Net;
using System.Net.Http.Json;
using Gateway.Api.Pagination;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class AccountTests(GatewayFactory factory)
{
    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 11)];

    [Fact]
    public async Task RegisterCreatesAUserAndShowsItWithItsEmail()
    {
        var username = Unique("reg");
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new
        {
            username,
            email = $"{username}@example.com",
            password = GatewayFactory.Password,
            first_name = "Reg",
            last_name = "Istered",
            favourite_colour = "ignored",
        });

        var user = await ApiAssert.OkAsync<UserView>(response, HttpStatusCode.Created);
        Assert.Equal(username, user.Username);
        Assert.Equal($"{username}@example.com", user.Email);
        Assert.Equal(("Reg", "Istered", UserRole.User), (user.FirstName, user.LastName, user.Role));
        Assert.Equal($"/api/users/{user.UserId}/", response.Headers.Location?.OriginalString);
        var json = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("password", json, StringComparison.Ordinal);
        Assert.Matches("\"created_at\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\"", json);

        using var me = factory.CreateClient(new TestUser(user.UserId, username, user.Email!, GatewayFactory.Password));
        Assert.Equal(user, await ApiAssert.OkAsync<UserView>(await me.GetAsync("/api/users/me/")));
    }

    [Fact]
    public async Task RegisterWithoutRequiredFieldsNamesThem()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new { first_name = "x" });
        var problem = await ApiAssert.ValidationAsync(response, "username");
        Assert.Equal(["email", "password", "username"], problem.Errors!.Keys.Order());
    }

    [Fact]
    public async Task RegisterWithInvalidValuesIsRefusedByTheUserGrain()
    {
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new { username = "x", email = "bad", password = "1" });
        var problem = await ApiAssert.ValidationAsync(response, "username");
        Assert.Contains("email", problem.Errors!.Keys);
        Assert.Contains("password", problem.Errors.Keys);
    }

    [Fact]
    public async Task UsernamesAndEmailsAreUniqueCaseInsensitively()
    {
        var existing = await factory.RegisterAsync("dup");
        using var client = factory.CreateClient();

        using var sameName = await client.PostAsJsonAsync("/api/register/", new
        {
            username = existing.Username.ToUpperInvariant(),
            email = $"{Unique("other")}@example.com",
            password = GatewayFactory.Password,
        });
        await ApiAssert.ProblemAsync(sameName, HttpStatusCode.Conflict);

        using var sameEmail = await client.PostAsJsonAsync("/api/register/", new
        {
            username = Unique("other"),
            email = existing.Email.ToUpperInvariant(),
            password = GatewayFactory.Password,
        });
        await ApiAssert.ProblemAsync(sameEmail, HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task ConfiguredAdminUsernamesRegisterAsAdmins()
    {
        var admin = await factory.RegisterAsync("root-admin");
        Assert.Equal("user", admin.Role);

        // The configured name itself is the admin; names that merely start with it are not.
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/api/register/", new
        {
            username = "Root-Admin",
            email = $"{Unique("root")}@example.com",
            password = GatewayFactory.Password,
        });
        var user = await ApiAssert.OkAsync<UserView>(response, HttpStatusCode.Created);
        Assert.Equal(UserRole.Admin, user.Role);
    }

    [Fact]
    public async Task OtherUsersAreShownWithoutEmailExceptToAdmins()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);

        var seen = await ApiAssert.OkAsync<UserView>(await client.GetAsync($"/api/users/{bob.Id}/"));
        Assert.Equal((bob.Id, bob.Username, (string?)null), (seen.UserId, seen.Username, seen.Email));
        Assert.DoesNotContain("email", await (await client.GetAsync($"/api/users/{bob.Id}")).Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var self = await ApiAssert.OkAsync<UserView>(await client.GetAsync($"/api/users/{alice.Id}/"));
        Assert.Equal(alice.Email, self.Email);

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        Assert.Equal(bob.Email, (await ApiAssert.OkAsync<UserView>(await admin.GetAsync($"/api/users/{bob.Id}/"))).Email);
    }

    [Fact]
    public async Task AnUnknownOrMalformedUserIdIsNotFound()
    {
        using var client = factory.CreateClient(await factory.RegisterAsync());
        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/users/{Guid.NewGuid()}/"), HttpStatusCode.NotFound);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/users/not-a-uuid/"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task UsersAreFoundByExactCaseInsensitiveUsername()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);

        var found = await client.PageAsync<UserView>($"/api/users/?username={bob.Username.ToUpperInvariant()}");
        Assert.Equal(1, found.Count);
        var user = Assert.Single(found.Results);
        Assert.Equal((bob.Id, (string?)null), (user.UserId, user.Email));
        Assert.Null(found.Next);
        Assert.Null(found.Previous);

        var prefix = await client.PageAsync<UserView>($"/api/users/?username={bob.Username[..^1]}");
        Assert.Equal(0, prefix.Count);
        Assert.Empty(prefix.Results);

        await ApiAssert.ValidationAsync(await client.GetAsync("/api/users/"), "username");
        await ApiAssert.ValidationAsync(await client.GetAsync($"/api/users/?username={bob.Username}&page_size=0"), "page_size");
        await ApiAssert.ProblemAsync(await client.GetAsync($"/api/users/?username={bob.Username}&page=2"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task TheCallerUpdatesTheirProfile()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient(alice);
        var email = $"{Unique("new")}@example.com";

        using var response = await client.PatchAsJsonAsync("/api/users/me/", new { first_name = "Alice", email });
        var updated = await ApiAssert.OkAsync<UserView>(response);
        Assert.Equal(("Alice", "", email), (updated.FirstName, updated.LastName, updated.Email));
        Assert.Equal(updated, await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me")));
    }

    [Fact]
    public async Task AnEmailTakenByAnotherUserIsAConflict()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var client = factory.CreateClient(alice);

        await ApiAssert.ProblemAsync(await client.PatchAsJsonAsync("/api/users/me/", new { email = bob.Email }), HttpStatusCode.Conflict);
        await ApiAssert.ValidationAsync(await client.PatchAsJsonAsync("/api/users/me/", new { email = "not-an-email" }), "email");
        await ApiAssert.ValidationAsync(await client.PatchAsJsonAsync("/api/users/me/", new { first_name = 42 }), "first_name");
        Assert.Equal(alice.Email, (await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"))).Email);
    }
}
