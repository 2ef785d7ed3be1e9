using System.Text;

namespace Grains;

/// <summary>Length rules count Unicode code points, as the API (and the Django service before it) does.</summary>
internal static class Text
{
    /// <summary>The number of code points; a lone surrogate counts as one.</summary>
    public static int CodePoints(string value)
    {
        var count = 0;
        foreach (var unused in value.EnumerateRunes())
        {
            count++;
        }

        return count;
    }

    public static bool IsAllowedUsernameRune(Rune rune) =>
        Rune.IsLetterOrDigit(rune) || rune.Value is '@' or '.' or '+' or '-' or '_';
}
