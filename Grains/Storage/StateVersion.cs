using System.Globalization;

using Orleans.Storage;

namespace Grains.Storage;

/// <summary>A grain state's ETag is its row version, a positive integer, written in invariant digits.</summary>
internal static class StateVersion
{
    public static string ToETag(long version) => version.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an expected ETag. Null means no row may exist yet. An ETag this store never issued
    /// cannot match any row, so it is refused as a conflict rather than as bad input.
    /// </summary>
    public static long? ParseExpected(string grainType, string key, string? expectedETag)
    {
        if (expectedETag is null)
        {
            return null;
        }

        if (long.TryParse(expectedETag, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return version;
        }

        throw Conflict(grainType, key, expectedETag);
    }

    public static InconsistentStateException Conflict(string grainType, string key, string? expectedETag, Exception? innerException = null)
    {
        var message = expectedETag is null
            ? $"State of grain {grainType}/{key} already exists; a first write expected none."
            : $"State of grain {grainType}/{key} is no longer at version {expectedETag}.";
        return innerException is null
            ? new InconsistentStateException(message)
            : new InconsistentStateException(message, innerException);
    }
}
