using Gateway.Api.Messages;

namespace Gateway.Tests.Unit;

public class Rfc3339Tests
{
    [Theory]
    [InlineData("2026-11-22T07:50:00.123Z", "2026-11-22T07:50:00.1230000+00:00")]
    [InlineData("2026-11-22T07:50:00Z", "2026-11-22T07:50:00.0000000+00:00")]
    [InlineData("2026-11-22t07:50:00z", "2026-11-22T07:50:00.0000000+00:00")]
    [InlineData("2026-11-22T08:50:00.5+01:00", "2026-11-22T07:50:00.5000000+00:00")]
    [InlineData("2026-11-22T08:50:00 01:00", "2026-11-22T07:50:00.0000000+00:00")]
    [InlineData("2026-11-22T05:50:00-02:00", "2026-11-22T07:50:00.0000000+00:00")]
    [InlineData("2026-11-22T07:50:00", "2026-11-22T07:50:00.0000000+00:00")]
    public void ParsesRfc3339(string value, string expected)
    {
        Assert.True(Rfc3339.TryParse(value, out var parsed));
        Assert.Equal(expected, parsed.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-11-22")]
    [InlineData("11/22/2026 07:50")]
    [InlineData("2026-13-40T07:50:00Z")]
    [InlineData("2026-11-22T25:00:00Z")]
    [InlineData("2026-11-22T07:50:00+0100")]
    [InlineData("1700000000")]
    public void RefusesAnythingElse(string value) => Assert.False(Rfc3339.TryParse(value, out _));
}
