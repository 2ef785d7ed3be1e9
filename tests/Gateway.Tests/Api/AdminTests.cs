using System.Net;
using System.Net.Http.Json;
using Gateway.Api.Pagination;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Messaging.Testing.Events;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class AdminTests(GatewayFactory factory)
{
    private static readonly string[] AdminRoutes = ["/api/admin/users/", "/api/admin/audit/"];

    [Fact]
    public async Task TheBootstrapAdminFromConfigurationIsAnActiveAdmin()
    {
        var admin = await factory.BootstrapAdminAsync();
        Assert.Equal("admin", admin.Role);
        using var client = factory.CreateClient(admin);
        var page = await client.PageAsync<AdminUserView>($"/api/admin/users/?q={GatewayFactory.BootstrapAdminUsername}");
        var listed = Assert.Single(page.Results, user => user.UserId == admin.Id);
        Assert.Equal((UserRole.Admin, true), (listed.Role, listed.IsActive));
        Assert.NotNull(listed.LastLoginAt);
    }

    [Fact]
    public async Task AdminRoutesAreForbiddenToUsersAndNeedAToken()
    {
        var user = await factory.RegisterAsync("plain");
        using var client = factory.CreateClient(user);
        using var anonymous = factory.CreateClient();

        // A token that claims admin for a user whose grain says otherwise is refused too: the grain's role counts.
        using var forged = factory.CreateClient(user with { Role = "admin" });
        foreach (var route in AdminRoutes)
        {
            await ApiAssert.ProblemAsync(await client.GetAsync(route), HttpStatusCode.Forbidden);
            await ApiAssert.ProblemAsync(await forged.GetAsync(route), HttpStatusCode.Forbidden);
            await ApiAssert.UnauthorizedAsync(await anonymous.GetAsync(route));
        }

        await ApiAssert.ProblemAsync(
            await client.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { role = "admin" }), HttpStatusCode.Forbidden);
        await ApiAssert.UnauthorizedAsync(await anonymous.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { role = "admin" }));
    }

    [Fact]
    public async Task UsersArePagedAndFilteredByTextRoleAndActivity()
    {
        var prefix = $"dir{Guid.NewGuid():N}"[..10];
        var users = new List<TestUser>();
        for (var i = 0; i < 3; i++)
        {
            users.Add(await factory.RegisterAsync(prefix));
        }

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var first = await admin.PageAsync<AdminUserView>($"/api/admin/users/?q={prefix.ToUpperInvariant()}&page_size=2");
        Assert.Equal(3, first.Count);
        Assert.Equal(2, first.Results.Count);
        Assert.NotNull(first.Next);
        Assert.All(first.Results, user => Assert.Equal(users.Single(u => u.Id == user.UserId).Email, user.Email));
        var second = await admin.PageAsync<AdminUserView>(first.Next!);
        Assert.Single(second.Results);
        await ApiAssert.ProblemAsync(await admin.GetAsync($"/api/admin/users/?q={prefix}&page=3&page_size=2"), HttpStatusCode.NotFound);

        // By email as well, and the filters combine.
        var byEmail = await admin.PageAsync<AdminUserView>($"/api/admin/users/?q={Uri.EscapeDataString(users[1].Email[^20..].ToUpperInvariant())}");
        Assert.Equal(users[1].Id, Assert.Single(byEmail.Results).UserId);
        Assert.Equal(0, (await admin.PageAsync<AdminUserView>($"/api/admin/users/?q={prefix}&role=admin")).Count);
        Assert.Contains(
            (await admin.PageAsync<AdminUserView>("/api/admin/users/?role=admin&page_size=100")).Results,
            user => user.Username == GatewayFactory.BootstrapAdminUsername);

        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync($"/api/admin/users/{users[0].Id}/", new { is_active = false }));
        var inactive = await admin.PageAsync<AdminUserView>($"/api/admin/users/?q={prefix}&is_active=false");
        Assert.Equal(users[0].Id, Assert.Single(inactive.Results).UserId);
        Assert.Equal(2, (await admin.PageAsync<AdminUserView>($"/api/admin/users/?q={prefix}&is_active=true")).Count);

        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/users/?is_active=maybe"), "is_active");
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/users/?role=owner"), "role");
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/users/?page_size=0"), "page_size");
    }

    [Fact]
    public async Task DeactivationRefusesRefreshLoginVerifyAndAccessTokensUntilReactivated()
    {
        var user = await factory.RegisterAsync("deact");
        using var anonymous = factory.CreateClient();
        var tokens = await LoginAsync(anonymous, user);
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", tokens["access"]);
        await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var deactivated = await ApiAssert.OkAsync<AdminUserView>(
            await admin.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { is_active = false }));
        Assert.False(deactivated.IsActive);

        await ApiAssert.ProblemAsync(
            await anonymous.PostAsJsonAsync("/api/token/refresh/", new { refresh = tokens["refresh"] }), HttpStatusCode.Unauthorized);
        var login = await ApiAssert.ProblemAsync(
            await anonymous.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password }), HttpStatusCode.Unauthorized);
        Assert.Equal("Invalid credentials", login.Detail);

        // The access token stops working once the gateway's cached answer (1 s in the tests) has expired.
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        await ApiAssert.UnauthorizedAsync(await client.GetAsync("/api/users/me/"));
        await ApiAssert.UnauthorizedAsync(await client.GetAsync("/api/conversations/"));
        await ApiAssert.ProblemAsync(
            await anonymous.PostAsJsonAsync("/api/token/verify/", new { token = tokens["access"] }), HttpStatusCode.Unauthorized);

        var reactivated = await ApiAssert.OkAsync<AdminUserView>(
            await admin.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { is_active = true }));
        Assert.True(reactivated.IsActive);
        var again = await LoginAsync(anonymous, user);
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.PostAsJsonAsync("/api/token/verify/", new { token = tokens["access"] })).StatusCode);
        await ApiAssert.ProblemAsync(
            await anonymous.PostAsJsonAsync("/api/token/refresh/", new { refresh = tokens["refresh"] }), HttpStatusCode.Unauthorized);
        Assert.Contains("access", (await LoginAsync(anonymous, user)).Keys);
        Assert.Contains("refresh", again.Keys);
    }

    [Fact]
    public async Task AnAdminCannotDeactivateOrDemoteThemself()
    {
        var admin = await factory.BootstrapAdminAsync();
        using var client = factory.CreateClient(admin);
        await ApiAssert.ValidationAsync(await client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}/", new { is_active = false }), "is_active");
        await ApiAssert.ValidationAsync(await client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}/", new { role = "user" }), "role");
        await ApiAssert.ValidationAsync(await client.PatchAsJsonAsync($"/api/admin/users/{admin.Id}/", new { role = "root" }), "role");
        await ApiAssert.ProblemAsync(
            await client.PatchAsJsonAsync($"/api/admin/users/{Guid.NewGuid()}/", new { is_active = false }), HttpStatusCode.NotFound);
        Assert.Equal("admin", (await factory.BootstrapAdminAsync()).Role);
    }

    [Fact]
    public async Task ARoleChangeAppliesToTokensAlreadyIssued()
    {
        var user = await factory.RegisterAsync("promo");
        using var client = factory.CreateClient(user);
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/admin/users/"), HttpStatusCode.Forbidden);

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var promoted = await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { role = "admin" }));
        Assert.Equal(UserRole.Admin, promoted.Role);
        await ApiAssert.OkAsync<Page<AdminUserView>>(await client.GetAsync("/api/admin/users/"));

        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { role = "user" }));
        await ApiAssert.ProblemAsync(await client.GetAsync("/api/admin/users/"), HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task ADeactivatedUsersOpenEventStreamEndsAndCannotReopen()
    {
        var user = await factory.RegisterAsync("stream");
        await using var stream = await EventStreamReader.OpenAsync(factory.CreateClient(user));
        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync($"/api/admin/users/{user.Id}/", new { is_active = false }));

        // Ended by the gateway's next subscription renewal (EventStreams:RenewInterval, 10 s).
        Assert.Null(await stream.NextAsync(TimeSpan.FromSeconds(20)));
        await Task.Delay(TimeSpan.FromMilliseconds(1500));
        await ApiAssert.UnauthorizedAsync(await factory.CreateClient(user).GetAsync("/api/events/"));
    }

    private static async Task<Dictionary<string, string>> LoginAsync(HttpClient client, TestUser user)
    {
        using var response = await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password });
        return await ApiAssert.OkAsync<Dictionary<string, string>>(response);
    }
}
