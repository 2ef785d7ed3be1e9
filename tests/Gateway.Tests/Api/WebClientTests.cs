using System.Net;
using System.Text.RegularExpressions;
using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Api;

/// <summary>The web client's files at / and the Content-Security-Policy they are served under.</summary>
[Collection(GatewayCollection.Name)]
public partial class WebClientTests(GatewayFactory factory)
{
    [Fact]
    public async Task TheRootServesTheClientUnderAStrictContentSecurityPolicy()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);

        var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        var directives = policy.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d);
        Assert.Equal("script-src 'self'", directives["script-src"]);
        Assert.Equal("connect-src 'self'", directives["connect-src"]);
        Assert.Equal("default-src 'none'", directives["default-src"]);
        Assert.DoesNotContain("unsafe", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", string.Join(",", response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task ThePageHasNoInlineScriptOrStyleAndLoadsOnlyItsOwnFiles()
    {
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/");

        Assert.Empty(InlineScript().Matches(html));
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<style", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("//", string.Concat(Sources().Matches(html).Select(m => m.Groups[1].Value)), StringComparison.Ordinal);

        foreach (Match source in Sources().Matches(html))
        {
            using var file = await client.GetAsync(source.Groups[1].Value);
            Assert.True(file.StatusCode == HttpStatusCode.OK, $"{source.Groups[1].Value}: {(int)file.StatusCode}");
        }
    }

    [Fact]
    public async Task ModulesAreServedAsJavaScript()
    {
        using var client = factory.CreateClient();
        using var response = await client.GetAsync("/js/app.js");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
    }

    /// <summary>A script element without a src attribute.</summary>
    [GeneratedRegex("<script(?![^>]*\\bsrc=)[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InlineScript();

    [GeneratedRegex("(?:src|href)=\"([^\"]+)\"", RegexOptions.IgnoreCase)]
    private static partial Regex Sources();
}
