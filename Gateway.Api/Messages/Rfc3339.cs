using System.Globalization;
using System.Text.RegularExpressions;

namespace Gateway.Api.Messages;

/// <summary>Parses RFC 3339 timestamps from query parameters.</summary>
internal static partial class Rfc3339
{
    /// <summary>
    /// A date-time such as 2026-11-22T07:50:00.123Z or ...+01:00. A space before the offset is read as the
    /// '+' that a client forgot to percent-encode; a timestamp without an offset is taken as UTC.
    /// </summary>
    public static bool TryParse(string value, out DateTimeOffset timestamp)
    {
        timestamp = default;
        var match = Pattern().Match(value);
        if (!match.Success)
        {
            return false;
        }

        var offset = match.Groups["offset"].Value;
        var normalized = match.Groups["datetime"].Value + offset switch
        {
            "" or "z" or "Z" => "Z",
            _ when offset[0] == ' ' => "+" + offset[1..],
            _ => offset,
        };
        return DateTimeOffset.TryParse(
            normalized, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out timestamp);
    }

    [GeneratedRegex(@"^(?<datetime>\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,7})?)(?<offset>[Zz]|[+\- ]\d{2}:\d{2})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
