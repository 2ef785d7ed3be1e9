using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

[Collection(ThrottledCollection.Name)]
public class ThrottlingTests(ThrottledGatewayFactory factory)
{
    /// <summary>A login from a given client address (see <see cref="ThrottledGatewayFactory.ClientAddressHeader"/>).</summary>
    private async Task<HttpResponseMessage> LoginFromAsync(IPAddress address, string username, string password)
    {
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ThrottledGatewayFactory.ClientAddressHeader, address.ToString());
        return await client.PostAsJsonAsync("/api/token/", new { username, password });
    }

    private static IPAddress NewAddress() => new(Guid.NewGuid().ToByteArray()[..4]);

    [Fact]
    public async Task FailedLoginsFromOneAddressAreThrottled()
    {
        var address = NewAddress();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAddress; i++)
        {
            await ApiAssert.ProblemAsync(await LoginFromAsync(address, $"nobody-{Guid.NewGuid():N}", "wrong-password"), HttpStatusCode.Unauthorized);
        }

        // Throttled even for a right password, until the window passes; other addresses are not.
        var user = await factory.RegisterAsync("victim");
        await ApiAssert.TooManyRequestsAsync(await LoginFromAsync(address, user.Username, user.Password));
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(NewAddress(), user.Username, user.Password)).StatusCode);
    }

    [Fact]
    public async Task BehindALoopbackProxyFailedLoginsCountPerForwardedClient()
    {
        var client = NewAddress();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAddress; i++)
        {
            await ApiAssert.ProblemAsync(await LoginViaAsync(IPAddress.Loopback, client, $"nobody-{Guid.NewGuid():N}", "wrong-password"), HttpStatusCode.Unauthorized);
        }

        var user = await factory.RegisterAsync("proxied");
        await ApiAssert.TooManyRequestsAsync(await LoginViaAsync(IPAddress.Loopback, client, user.Username, user.Password));
        Assert.Equal(HttpStatusCode.OK, (await LoginViaAsync(IPAddress.Loopback, NewAddress(), user.Username, user.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUntrustedPeerCannotDodgeThrottlingWithForwardedHeaders()
    {
        var peer = NewAddress();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAddress; i++)
        {
            await ApiAssert.ProblemAsync(await LoginViaAsync(peer, NewAddress(), $"nobody-{Guid.NewGuid():N}", "wrong-password"), HttpStatusCode.Unauthorized);
        }

        var user = await factory.RegisterAsync("spoofer");
        await ApiAssert.TooManyRequestsAsync(await LoginViaAsync(peer, NewAddress(), user.Username, user.Password));
    }

    /// <summary>A login that reaches the gateway from <paramref name="peer"/>, claiming to forward <paramref name="client"/>.</summary>
    private async Task<HttpResponseMessage> LoginViaAsync(IPAddress peer, IPAddress client, string username, string password)
    {
        using var http = factory.CreateClient();
        http.DefaultRequestHeaders.Add(ThrottledGatewayFactory.ClientAddressHeader, peer.ToString());
        http.DefaultRequestHeaders.Add("X-Forwarded-For", client.ToString());
        return await http.PostAsJsonAsync("/api/token/", new { username, password });
    }

    [Fact]
    public async Task FailedLoginsAgainstOneAccountAreThrottledFromAnyAddress()
    {
        var user = await factory.RegisterAsync("target");
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAccount; i++)
        {
            await ApiAssert.ProblemAsync(await LoginFromAsync(NewAddress(), user.Username, "wrong-password"), HttpStatusCode.Unauthorized);
        }

        await ApiAssert.TooManyRequestsAsync(await LoginFromAsync(NewAddress(), user.Username, user.Password));
        var other = await factory.RegisterAsync("bystander");
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(NewAddress(), other.Username, other.Password)).StatusCode);
    }

    [Fact]
    public async Task SuccessfulLoginsAreNotCounted()
    {
        var user = await factory.RegisterAsync("regular");
        var address = NewAddress();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAddress + 2; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(address, user.Username, user.Password)).StatusCode);
        }
    }

    [Fact]
    public async Task SendsAreThrottledPerUser()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var asAlice = factory.CreateClient(alice);
        using var asBob = factory.CreateClient(bob);
        var id = (await asAlice.CreateConversationAsync(bob)).ConversationId;
        for (var i = 0; i < ThrottledGatewayFactory.SendsPerUser; i++)
        {
            await asAlice.SendAsync(id, $"m{i}");
        }

        await ApiAssert.TooManyRequestsAsync(
            await asAlice.PostAsync($"/api/conversations/{id}/messages/", System.Net.Http.Json.JsonContent.Create(new { message_body = "one too many" })));
        await asBob.SendAsync(id, "bob is not throttled");
        Assert.Equal(ThrottledGatewayFactory.SendsPerUser + 1, (await asAlice.PageAsync<Grains.Interfaces.MessageView>($"/api/conversations/{id}/messages/")).Count);
    }
}
