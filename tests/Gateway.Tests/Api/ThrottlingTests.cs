using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

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
    public async Task FailedLoginsAgainstOneAccountLockItFromAnyAddress()
    {
        var user = await factory.RegisterAsync("target");
        for (var i = 1; i < ThrottledGatewayFactory.FailuresPerAccount; i++)
        {
            await ApiAssert.ProblemAsync(await LoginFromAsync(NewAddress(), user.Username, "wrong-password"), HttpStatusCode.Unauthorized);
        }

        // The failure that reaches the limit locks the account; then even the right password gets the same 429.
        var locking = await ApiAssert.TooManyRequestsAsync(await LoginFromAsync(NewAddress(), user.Username, "wrong-password"));
        var right = await ApiAssert.TooManyRequestsAsync(await LoginFromAsync(NewAddress(), user.Username, user.Password));
        Assert.Equal(locking.Detail, right.Detail);
        var other = await factory.RegisterAsync("bystander");
        Assert.Equal(HttpStatusCode.OK, (await LoginFromAsync(NewAddress(), other.Username, other.Password)).StatusCode);
    }

    [Fact]
    public async Task AnUnknownNameLocksAsAnAccountDoes()
    {
        var user = await factory.RegisterAsync("known");
        var unknown = $"nobody_{Guid.NewGuid():N}";

        var known = await FailUntilLockedAsync(user.Username);
        var nobody = await FailUntilLockedAsync(unknown);

        Assert.Equal(known.Statuses, nobody.Statuses);
        Assert.Equal(known.Detail, nobody.Detail);
        Assert.Equal(known.RetryAfter, nobody.RetryAfter);
        var again = await LoginFromAsync(NewAddress(), unknown, "any-password");
        await ApiAssert.TooManyRequestsAsync(again);
    }

    /// <summary>Fails logins of <paramref name="login"/> from fresh addresses until one is a 429; what each answered.</summary>
    private async Task<(List<HttpStatusCode> Statuses, string? Detail, TimeSpan? RetryAfter)> FailUntilLockedAsync(string login)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ThrottledGatewayFactory.FailuresPerAccount + 1; i++)
        {
            using var response = await LoginFromAsync(NewAddress(), login, "wrong-password");
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                var problem = await ApiAssert.TooManyRequestsAsync(response);
                return (statuses, problem.Detail, response.Headers.RetryAfter?.Delta);
            }
        }

        return (statuses, null, null);
    }

    [Fact]
    public async Task RegistrationsFromOneAddressAreThrottled()
    {
        var address = NewAddress();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ThrottledGatewayFactory.ClientAddressHeader, address.ToString());
        for (var i = 0; i < ThrottledGatewayFactory.RegistrationsPerAddress; i++)
        {
            var username = $"reg_{Guid.NewGuid():N}"[..20];
            using var created = await client.PostAsJsonAsync("/api/register/", new { username, email = $"{username}@example.com", password = "long enough password" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        }

        var last = $"reg_{Guid.NewGuid():N}"[..20];
        await ApiAssert.TooManyRequestsAsync(
            await client.PostAsJsonAsync("/api/register/", new { username = last, email = $"{last}@example.com", password = "long enough password" }));
        await factory.RegisterAsync("elsewhere");
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
        Assert.Equal(ThrottledGatewayFactory.SendsPerUser + 1, (await asAlice.PageAsync<MessageView>($"/api/conversations/{id}/messages/")).Count);
    }

    [Fact]
    public async Task HubSendsCountWithHttpSendsAgainstOneLimit()
    {
        var alice = await factory.RegisterAsync("alice");
        var bob = await factory.RegisterAsync("bob");
        using var asAlice = factory.CreateClient(alice);
        var id = (await asAlice.CreateConversationAsync(bob)).ConversationId;
        for (var i = 0; i < ThrottledGatewayFactory.SendsPerUser; i++)
        {
            await asAlice.SendAsync(id, $"m{i}");
        }

        var hub = new HubConnectionBuilder()
            .WithUrl(new Uri(factory.Server.BaseAddress, "hubs/messaging"), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                options.AccessTokenProvider = () => Task.FromResult<string?>(factory.Tokens.Access(alice));
            })
            .Build();
        await using (hub)
        {
            await hub.StartAsync();
            var refused = await Assert.ThrowsAsync<HubException>(
                () => hub.InvokeAsync<MessageView>("SendMessage", id, "over the hub", null));
            Assert.Contains("429: Too many messages sent", refused.Message, StringComparison.Ordinal);
        }
    }
}
