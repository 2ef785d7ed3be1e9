namespace Grains.Admin;

/// <summary>
/// How the directory's tables compare names: each row stores its username and email folded to upper case
/// (invariant culture), and a search folds its text the same way, so that "contains" and the order by username
/// ignore case for every script the validation allows, not only ASCII (all that SQLite's <c>upper()</c> and
/// <c>LIKE</c> fold).
/// </summary>
internal static class UserDirectorySearch
{
    public static string Fold(string value) => value.ToUpperInvariant();
}
