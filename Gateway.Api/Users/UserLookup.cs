using Actors;
using Grains.Interfaces;

namespace Gateway.Api.Users;

/// <summary>Finds a user id by username or email through their reservation grains (keys lower-cased, invariant).</summary>
internal static class UserLookup
{
    public static Task<Guid?> ByUsernameAsync(IGrainFactory grains, string username) =>
        grains.GetGrain<IUsernameGrain>(username.ToLowerInvariant()).GetUserIdAsync();

    /// <summary>A username first; failing that, an email (SimpleJWT logins accept either in "username").</summary>
    public static async Task<Guid?> ByUsernameOrEmailAsync(IGrainFactory grains, string login) =>
        await ByUsernameAsync(grains, login)
        ?? (login.Contains('@', StringComparison.Ordinal)
            ? await grains.GetGrain<IEmailGrain>(login.ToLowerInvariant()).GetUserIdAsync()
            : null);
}
