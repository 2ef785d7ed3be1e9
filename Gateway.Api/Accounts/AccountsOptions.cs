namespace Gateway.Api.Accounts;

/// <summary>Account settings, bound from the "Accounts" section.</summary>
public sealed class AccountsOptions
{
    public const string SectionName = "Accounts";

    /// <summary>Usernames that get the admin role when they register (compared case-insensitively).</summary>
    public IList<string> AdminUsernames { get; } = [];

    public bool IsAdmin(string username) =>
        AdminUsernames.Any(admin => string.Equals(admin, username, StringComparison.OrdinalIgnoreCase));
}
