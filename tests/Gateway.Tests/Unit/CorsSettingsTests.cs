using Gateway.Api.Hardening;

namespace Gateway.Tests.Unit;

public class CorsSettingsTests
{
    private static IReadOnlyList<string> Failures(params string[] origins)
    {
        var settings = new CorsSettings();
        settings.AllowedOrigins.AddRange(origins);
        return new CorsSettingsValidator().Validate(null, settings).Failures?.ToList() ?? [];
    }

    [Fact]
    public void NoOriginsIsTheClosedDefault() => Assert.Empty(Failures());

    [Theory]
    [InlineData("https://app.example.com")]
    [InlineData("http://localhost:5173")]
    [InlineData("*")]
    public void OriginsAreSchemeHostAndPort(string origin) => Assert.Empty(Failures(origin));

    [Theory]
    [InlineData("https://app.example.com/")]
    [InlineData("https://app.example.com/path")]
    [InlineData("app.example.com")]
    [InlineData("ftp://app.example.com")]
    [InlineData("https://user@app.example.com")]
    public void AnythingElseFailsNamingIt(string origin) =>
        Assert.Contains(origin, Assert.Single(Failures(origin)), StringComparison.Ordinal);

    [Fact]
    public void AnyOriginStandsAlone() => Assert.Single(Failures("*", "https://app.example.com"));
}
