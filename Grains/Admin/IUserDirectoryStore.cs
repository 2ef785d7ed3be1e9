using Grains.Interfaces;

namespace Grains.Admin;

/// <summary>
/// The user directory's table (<c>user_directory</c>): one row per user, written by the user's grain whenever
/// the admin view changes, read by page for the admin listing. A write touches one row, whatever the number of users.
/// </summary>
public interface IUserDirectoryStore
{
    /// <summary>Adds or replaces the entry of <paramref name="user"/>; completes once it is durable.</summary>
    Task UpsertAsync(AdminUserView user, CancellationToken cancellationToken);

    /// <summary>Adds the entries of users the directory does not hold yet, in one transaction; returns how many it added.</summary>
    Task<int> AddMissingAsync(IReadOnlyCollection<AdminUserView> users, CancellationToken cancellationToken);

    /// <summary>A page of the users matching the query, ordered by username case-insensitively, and how many match.</summary>
    Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query, CancellationToken cancellationToken);
}
