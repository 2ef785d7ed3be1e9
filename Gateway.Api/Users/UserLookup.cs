using Grains.Interfaces;
using Orleans;

namespace Gateway.Api.Users;

/// <summary>Finds a user id by username or email through their reservation grains (keys: <see cref="NameKeys"/>).</summary>
internal static class UserLookup
{
    public static Task<Guid?> ByUsernameAsync(IGrainFactory grains, string username) =>
        grains.GetGrain<IUsernameGrain>(NameKeys.Username(username)).GetUserIdAsync();

    /// <summary>A username first; failing that, an email (SimpleJWT logins accept either in "username").</summary>
    public static async Task<Guid?> ByUsernameOrEmailAsync(IGrainFactory grains, string login) =>
        await ByUsernameAsync(grains, login)
        ?? (login.Contains('@', StringComparison.Ordinal)
            ? await grains.GetGrain<IEmailGrain>(NameKeys.Email(login)).GetUserIdAsync()
            : null);
}
