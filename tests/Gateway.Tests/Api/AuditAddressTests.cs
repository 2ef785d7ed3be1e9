using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

/// <summary>Login events carry the client's address and user agent (the throttled gateway lets a test name its address).</summary>
[Collection(ThrottledCollection.Name)]
public class AuditAddressTests(ThrottledGatewayFactory factory)
{
    [Fact]
    public async Task LoginEventsCarryTheClientAddressAndUserAgent()
    {
        var user = await factory.RegisterAsync("locked");
        var address = $"198.51.100.{Random.Shared.Next(1, 250)}";
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ThrottledGatewayFactory.ClientAddressHeader, address);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("LockProbe/2.0");

        await ApiAssert.OkAsync<Dictionary<string, string>>(
            await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password }));
        HttpStatusCode status;
        var attempts = 0;
        do
        {
            using var response = await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = "not-the-password-1" });
            status = response.StatusCode;
        }
        while (status != HttpStatusCode.TooManyRequests && ++attempts < 10);
        Assert.Equal(HttpStatusCode.TooManyRequests, status);

        string[] expected = [AuditEventTypes.LoginSucceeded, AuditEventTypes.LoginFailed, AuditEventTypes.LoginLocked];
        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var (json, events) = await AuditTrail.WaitAsync(admin, $"user_id={user.Id}", found => AuditTrail.Has(found, expected));
        foreach (var name in expected)
        {
            var auditEvent = events.First(e => e.Event == name);
            Assert.Equal((address, "LockProbe/2.0"), (auditEvent.Ip, auditEvent.UserAgent));
        }

        Assert.DoesNotContain("not-the-password-1", json, StringComparison.Ordinal);
        Assert.DoesNotContain(user.Password, json, StringComparison.Ordinal);
    }
}
