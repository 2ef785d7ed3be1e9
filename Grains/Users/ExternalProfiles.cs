using System.Security.Cryptography;
using System.Text;
using Grains.Interfaces;

namespace Grains;

/// <summary>What a local user takes from an external profile: usernames to try, in order, and names cut to the allowed length.</summary>
internal static class ExternalProfiles
{
    private const string Fallback = "user";

    /// <summary>Room left under the maximum length for a numeric suffix.</summary>
    private const int MaxStemLength = UserValidation.NameMaxLength - 10;

    /// <summary>
    /// Usernames for the profile, best first: the <c>preferred_username</c> (else the email, else "user") with the
    /// characters a username may not hold left out, then that with 2 to 9 appended, then with random numbers.
    /// </summary>
    public static IEnumerable<string> UsernameCandidates(ExternalProfile profile)
    {
        var stem = Stem(profile.PreferredUsername) ?? Stem(profile.Email) ?? Fallback;
        yield return stem;
        for (var suffix = 2; suffix <= 9; suffix++)
        {
            yield return $"{stem}{suffix}";
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            yield return $"{stem}{RandomNumberGenerator.GetInt32(10_000, 100_000_000)}";
        }
    }

    /// <summary>A first or last name, cut to the length the profile rules allow.</summary>
    public static string PersonName(string? name) => Truncate(name ?? "", UserValidation.NameMaxLength);

    private static string? Stem(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return null;
        }

        var allowed = new StringBuilder();
        foreach (var rune in name.EnumerateRunes())
        {
            if (Text.IsAllowedUsernameRune(rune))
            {
                allowed.Append(rune.ToString());
            }
        }

        var stem = Truncate(allowed.ToString(), MaxStemLength);
        return Text.CodePoints(stem) >= UserValidation.UsernameMinLength ? stem : null;
    }

    private static string Truncate(string value, int maxCodePoints)
    {
        var result = new StringBuilder();
        var count = 0;
        foreach (var rune in value.EnumerateRunes())
        {
            if (count++ == maxCodePoints)
            {
                break;
            }

            result.Append(rune.ToString());
        }

        return result.ToString();
    }
}
