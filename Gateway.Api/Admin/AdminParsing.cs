using Gateway.Api.Validation;
using Grains.Interfaces;

namespace Gateway.Api.Admin;

/// <summary>Parsing shared by the admin routes' parameters.</summary>
internal static class AdminParsing
{
    public static UserRole? Role(string field, string? value, FieldErrors errors)
    {
        switch (value)
        {
            case null:
                return null;
            case "user":
                return UserRole.User;
            case "admin":
                return UserRole.Admin;
            default:
                errors.Add(field, "user or admin is required.");
                return null;
        }
    }
}
