using System.Globalization;
using Gateway.Api.Validation;

namespace Gateway.Api.Pagination;

/// <summary>A 1-based page number and a page size, parsed from <c>?page=</c> and <c>?page_size=</c>.</summary>
public readonly record struct PageRequest(long Number, int Size)
{
    public const int DefaultSize = 20;

    public const int MaxSize = 100;

    public static readonly PageRequest First = new(1, DefaultSize);

    /// <summary>Items before this page; saturates so that an absurd page number is simply past the end.</summary>
    public int Offset => Number - 1 >= int.MaxValue / Size ? int.MaxValue : (int)((Number - 1) * Size);

    /// <summary>Parses both parameters: absent means the default, sizes over 100 are clamped, anything else invalid is recorded.</summary>
    public static PageRequest Parse(string? page, string? pageSize, FieldErrors errors)
    {
        var number = 1L;
        var size = DefaultSize;
        if (page is not null && !TryParsePositive(page, out number))
        {
            errors.Add("page", "A positive integer is required.");
        }

        if (pageSize is not null)
        {
            if (TryParsePositive(pageSize, out var requested))
            {
                size = (int)Math.Min(requested, MaxSize);
            }
            else
            {
                errors.Add("page_size", "A positive integer is required.");
            }
        }

        return new PageRequest(number, size);
    }

    /// <summary>A non-negative integer query parameter (after_seq, before_seq), recorded as an error otherwise.</summary>
    public static long? ParseNonNegative(string name, string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
        {
            return parsed;
        }

        errors.Add(name, "A non-negative integer is required.");
        return null;
    }

    private static bool TryParsePositive(string value, out long parsed)
    {
        // Digits only: no sign, spaces or exponent. Too many digits is still a number, just past the end.
        if (value.Length == 0 || !value.All(char.IsAsciiDigit))
        {
            parsed = 0;
            return false;
        }

        parsed = long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : long.MaxValue;
        return parsed > 0;
    }
}
