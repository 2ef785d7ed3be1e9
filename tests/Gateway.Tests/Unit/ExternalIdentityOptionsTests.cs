using Gateway.Api.Auth;
using Gateway.Api.ExternalIdentity;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Unit;

public class ExternalIdentityOptionsTests
{
    private static IReadOnlyList<string> Failures(params ExternalIssuerOptions[] issuers) =>
        new ExternalIdentityOptionsValidator(Options.Create(new JwtOptions { Issuer = "messaging-gateway" }))
            .Validate(null, new ExternalIdentityOptions { ExternalIssuers = [.. issuers] }).Failures?.ToList() ?? [];

    [Fact]
    public void AnHttpsIssuerNeedsOnlyItsAudience()
    {
        Assert.Empty(Failures(new ExternalIssuerOptions { Issuer = "https://idp.example.com/realms/main", Audience = "messaging-api" }));
        Assert.Equal(
            "https://idp.example.com/realms/main/.well-known/openid-configuration",
            new ExternalIssuerOptions { Issuer = "https://idp.example.com/realms/main/" }.MetadataAddressOrDefault);
    }

    [Fact]
    public void PlainHttpMetadataNeedsAnExplicitOptOut()
    {
        var issuer = new ExternalIssuerOptions { Issuer = "http://127.0.0.1:8081/realms/test", Audience = "messaging-api" };
        Assert.Contains("RequireHttpsMetadata=false", Assert.Single(Failures(issuer)), StringComparison.Ordinal);
        issuer.RequireHttpsMetadata = false;
        Assert.Empty(Failures(issuer));
    }

    [Fact]
    public void AnIssuerIsListedOnceAndIsNotOurOwn()
    {
        var idp = new ExternalIssuerOptions { Issuer = "https://idp.example.com", Audience = "a" };
        Assert.Single(Failures(idp, new ExternalIssuerOptions { Issuer = "https://idp.example.com", Audience = "b" }));
        Assert.Single(Failures(new ExternalIssuerOptions { Issuer = "messaging-gateway", Audience = "a", MetadataAddress = "https://idp.example.com/m" }));
    }

    [Fact]
    public void IssuerAudienceAndAnAbsoluteMetadataAddressAreRequired()
    {
        Assert.Single(Failures(new ExternalIssuerOptions { Issuer = "https://idp.example.com" }));
        Assert.Single(Failures(new ExternalIssuerOptions { Issuer = "https://idp.example.com", Audience = "a", MetadataAddress = "/relative" }));
    }
}
