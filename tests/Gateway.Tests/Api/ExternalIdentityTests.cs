using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Gateway.Tests.Infrastructure;
using Grains.Interfaces;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Api;

/// <summary>
/// Access tokens of external OpenID Connect providers (a loopback provider with two realms, discovery and JWKS
/// served by the test): accepted, mapped to a local user created at first sight, refused when anything is off.
/// </summary>
[Collection(IdentityCollection.Name)]
public class ExternalIdentityTests(IdentityGatewayFactory factory)
{
    private const string Main = IdentityGatewayFactory.MainRealm;
    private const string Partner = IdentityGatewayFactory.PartnerRealm;

    private LoopbackIdentityProvider Provider => factory.Provider;

    private string MainToken(string subject, string algorithm = SecurityAlgorithms.RsaSha256, IReadOnlyDictionary<string, object>? claims = null) =>
        LoopbackIdentityProvider.Sign(Provider.Credentials(Main, algorithm), Provider.Issuer(Main), IdentityGatewayFactory.MainAudience, subject, claims);

    private HttpClient ClientWith(string token)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    private async Task<UserView> MeAsync(string token)
    {
        using var client = ClientWith(token);
        return await ApiAssert.OkAsync<UserView>(await client.GetAsync("/api/users/me/"));
    }

    private static string Unique(string prefix) => $"{prefix}_{Guid.NewGuid():N}"[..(prefix.Length + 13)];

    [Fact]
    public async Task AnRs256TokenMakesALocalUserAtFirstSightAndAnEs256TokenOfTheSameSubjectFindsIt()
    {
        var subject = Guid.NewGuid().ToString();
        var username = Unique("kc");
        var claims = new Dictionary<string, object>
        {
            ["preferred_username"] = username,
            ["email"] = $"{username}@example.com",
            ["email_verified"] = true,
            ["given_name"] = "Kay",
            ["family_name"] = "Cloak",
        };

        var first = await MeAsync(MainToken(subject, SecurityAlgorithms.RsaSha256, claims));
        Assert.Equal(username, first.Username);
        Assert.Equal($"{username}@example.com", first.Email);
        Assert.Equal(("Kay", "Cloak", UserRole.User), (first.FirstName, first.LastName, first.Role));
        Assert.NotEqual(subject, first.UserId.ToString());

        var second = await MeAsync(MainToken(subject, SecurityAlgorithms.EcdsaSha256));
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task FirstRequestsAtOnceMakeOneUser()
    {
        var subject = Guid.NewGuid().ToString();
        var users = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => MeAsync(MainToken(subject))));
        Assert.Single(users.Select(user => user.UserId).Distinct());
    }

    [Fact]
    public async Task TheSameSubjectAtAnotherIssuerIsAnotherUser()
    {
        var subject = Guid.NewGuid().ToString();
        var atMain = await MeAsync(MainToken(subject));
        var atPartner = await MeAsync(LoopbackIdentityProvider.Sign(
            Provider.Credentials(Partner, SecurityAlgorithms.EcdsaSha256), Provider.Issuer(Partner), IdentityGatewayFactory.PartnerAudience, subject));
        Assert.NotEqual(atMain.UserId, atPartner.UserId);
    }

    [Fact]
    public async Task ATakenUsernameGetsASuffixAndATakenOrUnverifiedEmailIsNotTaken()
    {
        var local = await factory.RegisterAsync("taken");
        var sameName = await MeAsync(MainToken(Guid.NewGuid().ToString(), claims: new Dictionary<string, object>
        {
            ["preferred_username"] = local.Username,
            ["email"] = local.Email,
            ["email_verified"] = true,
        }));
        Assert.StartsWith(local.Username, sameName.Username, StringComparison.Ordinal);
        Assert.NotEqual(local.Username, sameName.Username);
        Assert.Equal("", sameName.Email);

        var unverified = Unique("unverified");
        var withUnverifiedEmail = await MeAsync(MainToken(Guid.NewGuid().ToString(), claims: new Dictionary<string, object>
        {
            ["preferred_username"] = $"{unverified} (Contractor)",
            ["email"] = $"{unverified}@example.com",
            ["email_verified"] = false,
        }));
        Assert.Equal($"{unverified}Contractor", withUnverifiedEmail.Username);
        Assert.Equal("", withUnverifiedEmail.Email);
    }

    [Fact]
    public async Task AnExternalUserUsesTheApiAsALocalUserAndHasNoPassword()
    {
        var bob = await factory.RegisterAsync("bob");
        var username = Unique("ext");
        var token = MainToken(Guid.NewGuid().ToString(), claims: new Dictionary<string, object> { ["preferred_username"] = username });
        var me = await MeAsync(token);

        using var external = ClientWith(token);
        var conversation = await external.CreateConversationAsync(bob);
        var message = await external.SendAsync(conversation.ConversationId, "hello from the identity provider");
        Assert.Equal((me.UserId, username), (message.Sender.UserId, message.Sender.Username));
        Assert.Contains(conversation.Participants, participant => participant.UserId == me.UserId && participant.Role == ParticipantRole.Owner);

        using var bobClient = factory.CreateClient(bob);
        var page = await bobClient.PageAsync<MessageView>($"/api/conversations/{conversation.ConversationId}/messages/");
        Assert.Equal(me.UserId, Assert.Single(page.Results).Sender.UserId);

        using var anonymous = factory.CreateClient();
        foreach (var password in new[] { GatewayFactory.Password, "any password at all" })
        {
            var problem = await ApiAssert.UnauthorizedAsync(await anonymous.PostAsJsonAsync("/api/token/", new { username, password }));
            Assert.Equal("Invalid credentials", problem.Detail);
        }
    }

    [Fact]
    public async Task AnExternalUserOpensTheEventStream()
    {
        var bob = await factory.RegisterAsync("bob");
        var token = MainToken(Guid.NewGuid().ToString(), claims: new Dictionary<string, object> { ["preferred_username"] = Unique("sse") });
        var me = await MeAsync(token);

        using var external = ClientWith(token);
        await using var stream = await EventStreamReader.OpenAsync(external);
        Assert.Equal(HttpStatusCode.OK, stream.Response.StatusCode);
        var conversation = await external.CreateConversationAsync(bob);
        var created = await stream.NextAsync();
        Assert.NotNull(created);
        Assert.Equal(("conversation.created", conversation.ConversationId.ToString(), me.UserId.ToString()), (created.Type, created.String("conversation_id"), created.String("created_by")));
    }

    public static TheoryData<string> RefusedKinds() =>
    [
        "wrong audience", "issuer not configured", "expired", "unknown kid", "key of the other realm", "hs256", "alg none", "no subject",
        "provider without discovery document",
    ];

    [Theory]
    [MemberData(nameof(RefusedKinds))]
    public async Task ARefusedExternalTokenIsUnauthorized(string kind)
    {
        var issuer = Provider.Issuer(Main);
        var audience = IdentityGatewayFactory.MainAudience;
        var subject = Guid.NewGuid().ToString();
        var rsa = Provider.Credentials(Main, SecurityAlgorithms.RsaSha256);
        var token = kind switch
        {
            "wrong audience" => LoopbackIdentityProvider.Sign(rsa, issuer, IdentityGatewayFactory.PartnerAudience, subject),
            "issuer not configured" => LoopbackIdentityProvider.Sign(rsa, Provider.Issuer("elsewhere"), audience, subject),
            "expired" => LoopbackIdentityProvider.Sign(rsa, issuer, audience, subject, issuedAt: DateTime.UtcNow.AddMinutes(-10), lifetime: TimeSpan.FromMinutes(5)),
            "unknown kid" => LoopbackIdentityProvider.Sign(
                new SigningCredentials(new RsaSecurityKey(System.Security.Cryptography.RSA.Create(2048)) { KeyId = "main-rsa-unknown" }, "RS256"),
                issuer,
                audience,
                subject),
            "key of the other realm" => LoopbackIdentityProvider.Sign(Provider.Credentials(Partner, SecurityAlgorithms.RsaSha256), issuer, audience, subject),
            "hs256" => LoopbackIdentityProvider.Sign(
                new SigningCredentials(new SymmetricSecurityKey(new byte[32]) { KeyId = rsa.Key.KeyId }, SecurityAlgorithms.HmacSha256), issuer, audience, subject),
            "alg none" => new TestTokens(rsa, issuer, audience).Unsigned(new Dictionary<string, object> { ["sub"] = subject }),
            "provider without discovery document" => LoopbackIdentityProvider.Sign(rsa, Provider.Issuer(IdentityGatewayFactory.MissingRealm), audience, subject),
            _ => LoopbackIdentityProvider.Sign(rsa, issuer, audience, subject: null),
        };

        using var client = ClientWith(token);
        var problem = await ApiAssert.UnauthorizedAsync(await client.GetAsync("/api/users/me/"));
        Assert.Equal("Given token not valid for any token type.", problem.Detail);
    }

    [Fact]
    public async Task AKeyThatTheProviderPublishesLaterIsFetchedWhenATokenNamesIt()
    {
        // Only this test signs with a kid the partner realm did not publish at first, so its refresh is not throttled by another's.
        var before = await MeAsync(LoopbackIdentityProvider.Sign(
            Provider.Credentials(Partner, SecurityAlgorithms.RsaSha256), Provider.Issuer(Partner), IdentityGatewayFactory.PartnerAudience, "rotating"));
        var rotated = Provider.AddRsaKey(Partner, "partner-rsa-2");
        var token = LoopbackIdentityProvider.Sign(rotated, Provider.Issuer(Partner), IdentityGatewayFactory.PartnerAudience, "rotating");

        // The bearer handler asks for a refresh on the unknown kid; the refreshed JWKS serves the next requests.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode status;
        do
        {
            using var client = ClientWith(token);
            using var response = await client.GetAsync("/api/users/me/");
            status = response.StatusCode;
            if (status == HttpStatusCode.OK)
            {
                Assert.Equal(before.UserId, (await response.Content.ReadFromJsonAsync<UserView>())!.UserId);
                break;
            }

            await Task.Delay(100);
        }
        while (DateTime.UtcNow < deadline);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(Provider.KeySetFetches[Partner] >= 2, $"the partner JWKS was fetched {Provider.KeySetFetches[Partner]} times");
    }
}
