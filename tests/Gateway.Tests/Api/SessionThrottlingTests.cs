using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

/// <summary>Browser logins share the token route's throttling: failures through either count together.</summary>
[Collection(ThrottledCollection.Name)]
public class SessionThrottlingTests(ThrottledGatewayFactory factory)
{
    private async Task<HttpResponseMessage> PostFromAsync(IPAddress address, string path, string username, string password)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ThrottledGatewayFactory.ClientAddressHeader, address.ToString());
        return await client.PostAsJsonAsync(path, new { username, password });
    }

    private static IPAddress NewAddress() => new(Guid.NewGuid().ToByteArray()[..4]);

    [Fact]
    public async Task FailedSessionLoginsAreThrottledWithTheTokenRoutes()
    {
        var address = NewAddress();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAddress; i++)
        {
            var path = i % 2 == 0 ? "/api/session/" : "/api/token/";
            var problem = await ApiAssert.ProblemAsync(
                await PostFromAsync(address, path, $"nobody-{Guid.NewGuid():N}", "wrong-password"), HttpStatusCode.Unauthorized);
            Assert.Equal("Invalid credentials", problem.Detail);
        }

        var user = await factory.RegisterAsync("victim");
        await ApiAssert.TooManyRequestsAsync(await PostFromAsync(address, "/api/session/", user.Username, user.Password));
        await ApiAssert.TooManyRequestsAsync(await PostFromAsync(address, "/api/token/", user.Username, user.Password));
        Assert.Equal(HttpStatusCode.OK, (await PostFromAsync(NewAddress(), "/api/session/", user.Username, user.Password)).StatusCode);
    }
}
