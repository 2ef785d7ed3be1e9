using Grains.Interfaces;

namespace Grains;

/// <summary>A user's role by its API name (<c>user</c>, <c>admin</c>), as audit details and the directory's rows store it.</summary>
internal static class RoleNames
{
    public static string Of(UserRole role) => role == UserRole.Admin ? "admin" : "user";

    public static UserRole Parse(string name) => name == "admin" ? UserRole.Admin : UserRole.User;
}
