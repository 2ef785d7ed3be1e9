using Grains.Interfaces;

namespace Grains.Admin;

/// <summary>
/// The directory of every user, for the admin listing: one activation holding each user's admin view in memory,
/// persisted through the default grain storage (so it lives wherever grain state does: SQLite or PostgreSQL).
/// Searching is a scan of memory; see README (Administration) for the size this suits.
/// </summary>
[GrainType("user-directory")]
public sealed class UserDirectoryGrain(
    [PersistentState("directory")] IPersistentState<UserDirectoryState> state) : Grain, IUserDirectoryGrain
{
    public async Task UpsertAsync(AdminUserView user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (state.State.Users.TryGetValue(user.UserId, out var known) && known == user)
        {
            return;
        }

        state.State.Users[user.UserId] = user;
        await state.WriteStateAsync();
    }

    public Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = state.State.Users.Values
            .Where(user => query.Role is not { } role || user.Role == role)
            .Where(user => query.IsActive is not { } active || user.IsActive == active)
            .Where(user => string.IsNullOrEmpty(query.Contains)
                || user.Username.Contains(query.Contains, StringComparison.OrdinalIgnoreCase)
                || user.Email.Contains(query.Contains, StringComparison.OrdinalIgnoreCase))
            .OrderBy(user => user.Username, StringComparer.OrdinalIgnoreCase)
            .ThenBy(user => user.UserId)
            .ToList();
        var page = matches.Skip(Math.Max(0, query.Offset)).Take(Math.Max(0, query.Limit)).ToArray();
        return Task.FromResult(new UserDirectoryPage(matches.Count, page));
    }
}
