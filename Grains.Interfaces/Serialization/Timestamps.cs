namespace Grains.Interfaces;

/// <summary>Timestamps are kept at millisecond precision, so bounds taken from a response match exactly.</summary>
public static class Timestamps
{
    public static DateTimeOffset TruncateToMilliseconds(DateTimeOffset value)
    {
        var utc = value.ToUniversalTime();
        return new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }
}
