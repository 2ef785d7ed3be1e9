namespace Grains.Interfaces;

/// <summary>
/// The keys of the name reservation grains: the name lower-cased (invariant), behind a prefix of its kind.
/// The prefix keeps every key from parsing as a hexadecimal number, which Orleans' ADO.NET storage
/// would store as an integer key (so that "123" and "0123" would share one row).
/// </summary>
public static class NameKeys
{
    public static string Username(string username) => "username/" + username.ToLowerInvariant();

    public static string Email(string email) => "email/" + email.ToLowerInvariant();
}
