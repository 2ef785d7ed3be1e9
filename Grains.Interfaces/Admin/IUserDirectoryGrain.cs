using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// Every user, for the admin listing and search (a stateless worker over the <c>user_directory</c> table; call it with
/// key 0). User grains write their entry whenever its fields change; the user grain stays the authority on each user.
/// </summary>
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    /// <summary>Adds or replaces the entry of <paramref name="user"/>.</summary>
    Task UpsertAsync(AdminUserView user);

    /// <summary>A page of users matching the query, ordered by username, case ignored.</summary>
    [ReadOnly]
    Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query);
}
