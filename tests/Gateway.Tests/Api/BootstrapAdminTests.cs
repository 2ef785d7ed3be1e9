using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Api;

/// <summary>The first admin from configuration, across restarts of a gateway over the same data. Each test runs its own gateways.</summary>
public class BootstrapAdminTests
{
    [Fact]
    public async Task AnExistingUserIsPromotedOnceAndKeepsItsPassword()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"gateway-bootstrap-{Guid.NewGuid():N}");
        var signingKey = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(48));
        try
        {
            TestUser user;
            await using (var before = new BootstrapGatewayFactory(dataDirectory, signingKey, adminUsername: null, "unused-password"))
            {
                user = await before.RegisterAsync("later");
                Assert.Equal("user", user.Role);
            }

            // Twice with the same configuration: the second start finds the admin there already.
            for (var start = 0; start < 2; start++)
            {
                await using var gateway = new BootstrapGatewayFactory(dataDirectory, signingKey, user.Username, "Another-Passw0rd-Ignored");
                using var client = gateway.CreateClient();
                var pair = await ApiAssert.OkAsync<TokenPair>(
                    await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password }));
                await ApiAssert.ProblemAsync(
                    await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = "Another-Passw0rd-Ignored" }),
                    HttpStatusCode.Unauthorized);

                client.DefaultRequestHeaders.Authorization = new("Bearer", pair.Access);
                var me = await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));
                Assert.Equal((user.Id, UserRole.Admin), (me.UserId, me.Role));
                var admins = await client.PageAsync<AdminUserView>($"/api/admin/users/?q={user.Username}");
                Assert.Equal(user.Id, Assert.Single(admins.Results).UserId);
            }
        }
        finally
        {
            if (Directory.Exists(dataDirectory))
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
        }
    }
}
