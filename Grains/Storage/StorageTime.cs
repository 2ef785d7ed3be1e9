namespace Grains.Storage;

/// <summary>
/// Storage keeps every time at millisecond precision in UTC, so a value read back (or used as a query
/// bound) equals the value written, whichever provider stores it.
/// </summary>
internal static class StorageTime
{
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);
    }

    public static long ToUnixMilliseconds(DateTimeOffset value) => value.ToUnixTimeMilliseconds();

    public static DateTimeOffset FromUnixMilliseconds(long milliseconds) => DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
}
