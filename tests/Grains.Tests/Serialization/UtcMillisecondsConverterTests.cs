using System.Globalization;
using System.Text.Json;
using Grains.Interfaces;

namespace Grains.Tests.Serialization;

/// <summary>Timestamps in responses: RFC 3339 UTC, exactly three fractional digits, cut (not rounded) after the milliseconds.</summary>
public sealed class UtcMillisecondsConverterTests
{
    private static readonly JsonSerializerOptions Options = new() { Converters = { new UtcMillisecondsConverter() } };

    [Theory]
    [InlineData("2026-11-22T09:50:00.1239999+02:00", "\"2026-11-22T07:50:00.123Z\"")]
    [InlineData("2026-11-22T07:50:00Z", "\"2026-11-22T07:50:00.000Z\"")]
    [InlineData("0001-01-01T00:00:00Z", "\"0001-01-01T00:00:00.000Z\"")]
    [InlineData("9999-12-31T23:59:59.9999999Z", "\"9999-12-31T23:59:59.999Z\"")]
    public void WritesUtcWithMilliseconds(string time, string expected) =>
        Assert.Equal(expected, JsonSerializer.Serialize(DateTimeOffset.Parse(time, CultureInfo.InvariantCulture), Options));

    [Fact]
    public void WritesWhatTheDocumentedFormatGives()
    {
        var random = new Random(20261126);
        for (var i = 0; i < 1000; i++)
        {
            var time = new DateTimeOffset(random.NextInt64(DateTime.MinValue.Ticks, DateTime.MaxValue.Ticks), TimeSpan.Zero)
                .ToOffset(TimeSpan.FromMinutes(random.Next(-14 * 60, 14 * 60)));
            if (time.UtcDateTime.Year is < 2 or > 9998)
            {
                continue;
            }

            var expected = $"\"{time.UtcDateTime.ToString(UtcMillisecondsConverter.Format, CultureInfo.InvariantCulture)}\"";
            Assert.Equal(expected, JsonSerializer.Serialize(time, Options));
        }
    }

    [Fact]
    public void ReadsWhatItWrites()
    {
        var time = new DateTimeOffset(2026, 11, 26, 9, 15, 0, 456, TimeSpan.Zero);

        Assert.Equal(time, JsonSerializer.Deserialize<DateTimeOffset>(JsonSerializer.Serialize(time, Options), Options));
    }
}
