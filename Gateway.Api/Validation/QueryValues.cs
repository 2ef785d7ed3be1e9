using Gateway.Api.Messages;

namespace Gateway.Api.Validation;

/// <summary>Optional query values shared by the list routes' parameters: null when absent, an error when malformed.</summary>
internal static class QueryValues
{
    public static DateTimeOffset? Timestamp(string name, string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Rfc3339.TryParse(value, out var timestamp))
        {
            return timestamp;
        }

        errors.Add(name, "An RFC 3339 timestamp is required, such as 2026-11-22T07:50:00.123Z.");
        return null;
    }

    public static Guid? UserId(string name, string? value, FieldErrors errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Guid.TryParse(value, out var id))
        {
            return id;
        }

        errors.Add(name, "A user id (UUID) is required.");
        return null;
    }
}
