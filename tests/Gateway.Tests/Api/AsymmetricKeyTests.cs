using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Api.Auth;
using Gateway.Tests.Infrastructure;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Tests.Api;

/// <summary>An RS256 gateway during a key rotation: kids, the previous key, the published JWK Set, and algorithm confusion.</summary>
[Collection(IdentityCollection.Name)]
public class AsymmetricKeyTests(IdentityGatewayFactory factory)
{
    private static readonly string[] PublicRsaMembers = ["alg", "e", "kid", "kty", "n", "use"];

    private async Task<HttpStatusCode> MeStatusAsync(string token)
    {
        using var client = factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/users/me/");
        request.Headers.TryAddWithoutValidation("Authorization", $"Bearer {token}");
        using var response = await client.SendAsync(request);
        if (response.StatusCode == HttpStatusCode.Unauthorized)
        {
            await ApiAssert.UnauthorizedAsync(response);
        }

        return response.StatusCode;
    }

    private async Task<JsonElement> KeySetAsync()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/.well-known/jwks.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    [Fact]
    public async Task IssuedTokensCarryTheCurrentKidAndVerifyAgainstThePublishedKeys()
    {
        var alice = await factory.RegisterAsync("alice");
        using var client = factory.CreateClient();
        var pair = await ApiAssert.OkAsync<TokenPair>(
            await client.PostAsJsonAsync("/api/token/", new { username = alice.Username, password = alice.Password }));
        var access = new JsonWebToken(pair.Access);
        Assert.Equal("RS256", access.Alg);
        Assert.Equal(factory.CurrentKeyId, access.Kid);
        Assert.Equal(factory.CurrentKeyId, new JsonWebToken(pair.Refresh).Kid);

        // What another service would do: verify the token with nothing but the JWK Set.
        var set = new JsonWebKeySet((await KeySetAsync()).GetRawText());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(pair.Access, new TokenValidationParameters
        {
            IssuerSigningKeys = set.GetSigningKeys(),
            ValidIssuer = GatewayFactory.Issuer,
            ValidAudience = GatewayFactory.Audience,
            ValidAlgorithms = ["RS256"],
        });
        Assert.True(result.IsValid, result.Exception?.Message);
    }

    [Fact]
    public async Task TheKeySetHoldsTheCurrentAndPreviousPublicKeysOnly()
    {
        var keys = (await KeySetAsync()).GetProperty("keys").EnumerateArray().ToList();
        Assert.Equal([factory.CurrentKeyId, IdentityGatewayFactory.PreviousKeyId], keys.Select(key => key.GetProperty("kid").GetString()));
        foreach (var key in keys)
        {
            Assert.Equal(PublicRsaMembers, key.EnumerateObject().Select(member => member.Name).Order(StringComparer.Ordinal));
            Assert.Equal("RSA", key.GetProperty("kty").GetString());
            Assert.Equal("RS256", key.GetProperty("alg").GetString());
            Assert.Equal("sig", key.GetProperty("use").GetString());
        }

        var previous = new JsonWebKey(keys[1].GetRawText());
        using var rsa = System.Security.Cryptography.RSA.Create();
        rsa.ImportFromPem(factory.PreviousPublicKeyPem);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), previous.N);
    }

    [Fact]
    public async Task TokensOfThePreviousKeyStillValidate()
    {
        var bob = await factory.RegisterAsync("bob");
        var token = factory.Tokens.Sign(TestTokens.AccessClaims(bob), signedWith: factory.PreviousCredentials);
        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(token));
    }

    [Fact]
    public async Task AnUnknownKidIsUnauthorizedWhateverKeySigned()
    {
        var carol = await factory.RegisterAsync("carol");
        var claims = TestTokens.AccessClaims(carol);
        var currentRsa = ((RsaSecurityKey)factory.Tokens.Credentials.Key).Rsa;
        var currentKeyUnknownKid = new SigningCredentials(new RsaSecurityKey(currentRsa) { KeyId = "unknown" }, "RS256");
        using var stranger = System.Security.Cryptography.RSA.Create(2048);
        var strangerKey = new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = "unknown" }, "RS256");
        var strangerWithOurKid = new SigningCredentials(new RsaSecurityKey(stranger) { KeyId = factory.CurrentKeyId }, "RS256");

        Assert.Equal(HttpStatusCode.OK, await MeStatusAsync(factory.Tokens.Sign(claims)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(factory.Tokens.Sign(claims, signedWith: currentKeyUnknownKid)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(factory.Tokens.Sign(claims, signedWith: strangerKey)));
        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(factory.Tokens.Sign(claims, signedWith: strangerWithOurKid)));
    }

    [Fact]
    public async Task AnHs256TokenKeyedWithThePublicKeyIsUnauthorized()
    {
        var dave = await factory.RegisterAsync("dave");
        var claims = TestTokens.AccessClaims(dave);
        var publicPem = ((RsaSecurityKey)factory.Tokens.Credentials.Key).Rsa.ExportSubjectPublicKeyInfoPem();
        foreach (var kid in new[] { factory.CurrentKeyId, null })
        {
            var confused = new SigningCredentials(
                new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(publicPem)) { KeyId = kid }, SecurityAlgorithms.HmacSha256);
            Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(factory.Tokens.Sign(claims, signedWith: confused)));
        }

        Assert.Equal(HttpStatusCode.Unauthorized, await MeStatusAsync(factory.Tokens.Unsigned(claims)));
    }
}
