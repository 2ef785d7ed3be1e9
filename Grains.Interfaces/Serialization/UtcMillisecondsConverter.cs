using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>Writes timestamps as RFC 3339 UTC with millisecond precision (2026-11-22T07:50:00.123Z).</summary>
public sealed class UtcMillisecondsConverter : JsonConverter<DateTimeOffset>
{
    public const string Format = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    /// <summary>
    /// The round-trip format of a UTC time (<c>2026-11-22T07:50:00.1234567Z</c>) cut after the milliseconds:
    /// the same text as <see cref="Format"/>, without parsing a custom format for every timestamp of every
    /// response (4% of a page read's CPU, in a profile).
    /// </summary>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        Span<byte> text = stackalloc byte[RoundTripLength];
        if (!Utf8Formatter.TryFormat(value.UtcDateTime, text, out var written, new StandardFormat('O')) || written != RoundTripLength)
        {
            throw new JsonException($"{value:O} has no round-trip form of {RoundTripLength} characters.");
        }

        text[MillisecondsLength] = (byte)'Z';
        writer.WriteStringValue(text[..(MillisecondsLength + 1)]);
    }

    // yyyy-MM-ddTHH:mm:ss.fffffffZ, and its first characters up to the milliseconds.
    private const int RoundTripLength = 28;
    private const int MillisecondsLength = 23;
}
