using System.Net;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;

namespace Gateway.Tests.Api;

[Collection(GatewayCollection.Name)]
public class AuditTests(GatewayFactory factory)
{
    [Fact]
    public async Task AccountAndTokenEventsAreRecordedWithoutSecrets()
    {
        var user = await factory.RegisterAsync("audited");
        using var anonymous = factory.CreateClient();
        anonymous.DefaultRequestHeaders.UserAgent.ParseAdd("AuditProbe/1.0");

        await anonymous.PostAsJsonAsync("/api/token/", new { username = user.Username, password = "wrong-password-123" });
        var first = await LoginAsync(anonymous, user);
        var rotated = await ApiAssert.OkAsync<Dictionary<string, string>>(
            await anonymous.PostAsJsonAsync("/api/token/refresh/", new { refresh = first["refresh"] }));
        await anonymous.PostAsJsonAsync("/api/token/refresh/", new { refresh = first["refresh"] });
        var second = await LoginAsync(anonymous, user);
        await ApiAssert.OkAsync<Dictionary<string, string>>(
            await anonymous.PostAsJsonAsync("/api/token/blacklist/", new { refresh = second["refresh"] }));

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        string[] expected =
        [
            AuditEventTypes.UserRegistered, AuditEventTypes.LoginFailed, AuditEventTypes.LoginSucceeded, AuditEventTypes.TokenRefreshed,
            AuditEventTypes.TokenReuseDetected, AuditEventTypes.TokenBlacklisted,
        ];
        var (json, events) = await AuditTrail.WaitAsync(admin, $"user_id={user.Id}", found => AuditTrail.Has(found, expected));
        Assert.All(expected, name => Assert.Contains(events, auditEvent => auditEvent.Event == name));
        Assert.All(events, auditEvent => Assert.Equal(user.Id, auditEvent.UserId));
        var login = events.First(auditEvent => auditEvent.Event == AuditEventTypes.LoginSucceeded);
        Assert.Equal("AuditProbe/1.0", login.UserAgent);
        Assert.Equal(events.OrderByDescending(auditEvent => auditEvent.At).Select(e => e.At), events.Select(e => e.At));

        foreach (var secret in new[] { user.Password, "wrong-password-123", first["access"], first["refresh"], rotated["refresh"], second["refresh"] })
        {
            Assert.DoesNotContain(secret, json, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ConversationEventsAndRefusalsAreRecordedWithoutBodies()
    {
        var alice = await factory.RegisterAsync("aud_alice");
        var bob = await factory.RegisterAsync("aud_bob");
        var carol = await factory.RegisterAsync("aud_carol");
        using var client = factory.CreateClient(alice);
        using var outsider = factory.CreateClient(carol);
        var conversation = await client.CreateConversationAsync(bob);
        var path = $"/api/conversations/{conversation.ConversationId}";

        await ApiAssert.OkAsync<ParticipantView>(
            await client.PostAsJsonAsync($"{path}/participants/", new { user_id = carol.Id }), HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/participants/{carol.Id}/")).StatusCode);
        await ApiAssert.ProblemAsync(await outsider.GetAsync($"{path}/"), HttpStatusCode.Forbidden);
        var message = await client.SendAsync(conversation.ConversationId, "a very private body 7d1e");
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/messages/{message.MessageId}/")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"{path}/")).StatusCode);

        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        var (carolJson, carolEvents) = await AuditTrail.WaitAsync(
            admin, $"user_id={carol.Id}",
            found => AuditTrail.Has(found, AuditEventTypes.ParticipantAdded, AuditEventTypes.ParticipantRemoved, AuditEventTypes.AccessDenied));
        Assert.All(
            carolEvents.Where(auditEvent => auditEvent.Event != AuditEventTypes.UserRegistered),
            auditEvent => Assert.Equal(conversation.ConversationId, auditEvent.ConversationId));
        var denied = Assert.Single(carolEvents, auditEvent => auditEvent.Event == AuditEventTypes.AccessDenied);
        Assert.Equal((carol.Id, $"GET {path}/"), (denied.ActorId!.Value, denied.Detail));
        Assert.Equal(alice.Id, carolEvents.Single(auditEvent => auditEvent.Event == AuditEventTypes.ParticipantAdded).ActorId);

        var (aliceJson, aliceEvents) = await AuditTrail.WaitAsync(
            admin, $"user_id={alice.Id}",
            found => AuditTrail.Has(found, AuditEventTypes.MessageDeleted, AuditEventTypes.ConversationDeleted));
        Assert.True(AuditTrail.Has(aliceEvents, AuditEventTypes.MessageDeleted, AuditEventTypes.ConversationDeleted), aliceJson);
        Assert.DoesNotContain("private body", aliceJson + carolJson, StringComparison.Ordinal);

        var onlyDeletions = await AuditTrail.WaitAsync(admin, $"user_id={alice.Id}&event=message.deleted", found => found.Count > 0);
        Assert.All(onlyDeletions.Events, auditEvent => Assert.Equal(AuditEventTypes.MessageDeleted, auditEvent.Event));
    }

    [Fact]
    public async Task AdministrationEventsNameTheAdminAsActor()
    {
        var user = await factory.RegisterAsync("aud_admin");
        var bootstrap = await factory.BootstrapAdminAsync();
        using var admin = factory.CreateClient(bootstrap);
        var route = $"/api/admin/users/{user.Id}/";
        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync(route, new { role = "admin" }));
        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync(route, new { is_active = false }));
        await ApiAssert.OkAsync<AdminUserView>(await admin.PatchAsJsonAsync(route, new { is_active = true, role = "user" }));

        string[] expected = [AuditEventTypes.UserRoleChanged, AuditEventTypes.UserDeactivated, AuditEventTypes.UserReactivated];
        var (_, events) = await AuditTrail.WaitAsync(
            admin, $"user_id={user.Id}", found => AuditTrail.Has(found, expected) && found.Count(e => e.Event == AuditEventTypes.UserRoleChanged) == 2);
        Assert.All(events.Where(auditEvent => expected.Contains(auditEvent.Event)), auditEvent => Assert.Equal(bootstrap.Id, auditEvent.ActorId));
        Assert.Equal(2, events.Count(auditEvent => auditEvent.Event == AuditEventTypes.UserRoleChanged));
    }

    [Fact]
    public async Task AuditFiltersAreValidatedAndTimeBoundsApply()
    {
        using var admin = factory.CreateClient(await factory.BootstrapAdminAsync());
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/audit/?user_id=nope"), "user_id");
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/audit/?event=login.maybe"), "event");
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/audit/?since=yesterday"), "since");
        await ApiAssert.ValidationAsync(await admin.GetAsync("/api/admin/audit/?until=2026-13-01T00:00:00Z"), "until");

        var user = await factory.RegisterAsync("aud_time");
        var (_, events) = await AuditTrail.WaitAsync(admin, $"user_id={user.Id}", found => found.Count > 0);
        var at = Assert.Single(events).At.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", System.Globalization.CultureInfo.InvariantCulture);
        var since = Uri.EscapeDataString(at);
        Assert.Single((await AuditTrail.WaitAsync(admin, $"user_id={user.Id}&since={since}&until={since}", _ => true)).Events);
        Assert.Empty((await AuditTrail.WaitAsync(admin, $"user_id={user.Id}&until=2000-01-01T00:00:00Z", _ => true)).Events);
    }

    private static async Task<Dictionary<string, string>> LoginAsync(HttpClient client, TestUser user)
    {
        using var response = await client.PostAsJsonAsync("/api/token/", new { username = user.Username, password = user.Password });
        return await ApiAssert.OkAsync<Dictionary<string, string>>(response);
    }
}
