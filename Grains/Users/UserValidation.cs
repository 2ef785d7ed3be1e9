using System.Net.Mail;
using Grains.Interfaces;

namespace Grains;

/// <summary>The field rules of registration and profile updates; errors are keyed by the API's field names.</summary>
internal static class UserValidation
{
    public const int UsernameMinLength = 3;
    public const int NameMaxLength = 150;
    public const int EmailMaxLength = 254;
    public const int PasswordMinLength = 8;

    public static Dictionary<string, string[]> Validate(RegisterUser registration)
    {
        var errors = new Dictionary<string, string[]>();
        AddIfInvalid(errors, "username", UsernameError(registration.Username));
        AddIfInvalid(errors, "email", EmailError(registration.Email));
        AddIfInvalid(errors, "password", PasswordError(registration.Password, registration.Username));
        AddIfInvalid(errors, "first_name", PersonNameError(registration.FirstName));
        AddIfInvalid(errors, "last_name", PersonNameError(registration.LastName));
        return errors;
    }

    public static Dictionary<string, string[]> Validate(UpdateProfile update)
    {
        var errors = new Dictionary<string, string[]>();
        if (update.Email is not null)
        {
            AddIfInvalid(errors, "email", EmailError(update.Email));
        }

        AddIfInvalid(errors, "first_name", PersonNameError(update.FirstName));
        AddIfInvalid(errors, "last_name", PersonNameError(update.LastName));
        return errors;
    }

    private static void AddIfInvalid(Dictionary<string, string[]> errors, string field, string? error)
    {
        if (error is not null)
        {
            errors[field] = [error];
        }
    }

    private static string? UsernameError(string? username)
    {
        if (string.IsNullOrEmpty(username))
        {
            return "This field is required.";
        }

        var length = Text.CodePoints(username);
        if (length is < UsernameMinLength or > NameMaxLength)
        {
            return $"Ensure this field has {UsernameMinLength} to {NameMaxLength} characters.";
        }

        foreach (var rune in username.EnumerateRunes())
        {
            if (!Text.IsAllowedUsernameRune(rune))
            {
                return "Enter a valid username. This value may contain only letters, numbers, and @/./+/-/_ characters.";
            }
        }

        return null;
    }

    private static string? EmailError(string? email)
    {
        if (string.IsNullOrEmpty(email))
        {
            return "This field is required.";
        }

        if (email.Length > EmailMaxLength || !IsEmail(email))
        {
            return "Enter a valid email address.";
        }

        return null;
    }

    private static bool IsEmail(string email)
    {
        // MailAddress also accepts display names, comments and quoted forms: insist on a bare address.
        if (!MailAddress.TryCreate(email, out var address) || address.Address != email)
        {
            return false;
        }

        var at = email.LastIndexOf('@');
        var domain = email[(at + 1)..];
        return at > 0
            && !email.Any(char.IsWhiteSpace)
            && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.')
            && !domain.EndsWith('.');
    }

    private static string? PasswordError(string? password, string? username)
    {
        if (string.IsNullOrEmpty(password))
        {
            return "This field is required.";
        }

        if (Text.CodePoints(password) < PasswordMinLength)
        {
            return $"This password is too short. It must contain at least {PasswordMinLength} characters.";
        }

        if (password.All(char.IsDigit))
        {
            return "This password is entirely numeric.";
        }

        if (username is not null && string.Equals(password, username, StringComparison.OrdinalIgnoreCase))
        {
            return "The password is too similar to the username.";
        }

        return null;
    }

    private static string? PersonNameError(string? name) =>
        name is not null && Text.CodePoints(name) > NameMaxLength
            ? $"Ensure this field has no more than {NameMaxLength} characters."
            : null;
}
