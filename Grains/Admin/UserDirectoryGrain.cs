using Grains.Interfaces;
using Orleans.Concurrency;

namespace Grains.Admin;

/// <summary>
/// The directory of every user, for the admin listing, through <see cref="IUserDirectoryStore"/> (the
/// <c>user_directory</c> table, wherever grain state lives: SQLite or PostgreSQL). A write is one row; any silo runs
/// as many activations as the load needs, so registrations and logins of different users never queue on one grain.
/// </summary>
[StatelessWorker]
[GrainType("user-directory")]
public sealed class UserDirectoryGrain(IUserDirectoryStore store) : Grain, IUserDirectoryGrain
{
    public Task UpsertAsync(AdminUserView user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return store.UpsertAsync(user, CancellationToken.None);
    }

    public Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.QueryAsync(query, CancellationToken.None);
    }
}
