using Gateway.Api.Auth;
using Grains.Interfaces;

namespace Gateway.Api.Users;

internal static class UserVisibility
{
    /// <summary>A user as <paramref name="caller"/> may see them: the email only for themself and for admins.</summary>
    public static UserView AsSeenBy(this UserView user, CurrentUser caller) =>
        user.UserId == caller.Id || caller.IsAdmin ? user : user with { Email = null };
}
