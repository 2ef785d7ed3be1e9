using Grains.Admin;
using Grains.Interfaces;
using Microsoft.Data.Sqlite;

namespace Grains.Storage.Sqlite;

/// <summary>
/// The user directory in the <c>user_directory</c> table. Writes go through the file's group commit
/// (<see cref="SqliteGroupCommit"/>); a listing is a count and a page in username order, read from the
/// username index when no filter applies.
/// </summary>
internal sealed class SqliteUserDirectoryStore(SqliteConnectionFactory connections) : IUserDirectoryStore
{
    private const string Columns = "user_id, username, email, first_name, last_name, role, created_at_ms, is_active, last_login_at_ms";

    private const string InsertSql =
        $"INSERT INTO user_directory ({Columns}, username_key, email_key) "
        + "VALUES ($id, $username, $email, $first, $last, $role, $created, $active, $login, $username_key, $email_key)";

    private const string UpsertSql =
        InsertSql
        + " ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, email = excluded.email, first_name = excluded.first_name,"
        + " last_name = excluded.last_name, role = excluded.role, created_at_ms = excluded.created_at_ms, is_active = excluded.is_active,"
        + " last_login_at_ms = excluded.last_login_at_ms, username_key = excluded.username_key, email_key = excluded.email_key";

    private const string AddMissingSql = InsertSql + " ON CONFLICT (user_id) DO NOTHING";

    public Task UpsertAsync(AdminUserView user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return connections.WriteAsync(connection => Execute(connection, UpsertSql, user), cancellationToken);
    }

    public Task<int> AddMissingAsync(IReadOnlyCollection<AdminUserView> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        return connections.WriteAsync(connection => users.Sum(user => Execute(connection, AddMissingSql, user)), cancellationToken);
    }

    public async Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await connections.OpenAsync(cancellationToken);
        await using var page = new SqliteFilteredPage(connection);
        if (!string.IsNullOrEmpty(query.Contains))
        {
            page.Where("(instr(username_key, $contains) > 0 OR instr(email_key, $contains) > 0)", "$contains", UserDirectorySearch.Fold(query.Contains));
        }

        if (query.Role is { } role)
        {
            page.Where("role = $role", "$role", RoleNames.Of(role));
        }

        if (query.IsActive is { } active)
        {
            page.Where("is_active = $active", "$active", active ? 1 : 0);
        }

        var (total, users) = await page.ReadAsync(
            "user_directory", Columns, "username_key, user_id", query.Limit, query.Offset, ReadUser, cancellationToken);
        return new UserDirectoryPage(total, users);
    }

    private static AdminUserView ReadUser(SqliteDataReader reader) =>
        new(
            Guid.Parse(reader.GetString(0)),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            RoleNames.Parse(reader.GetString(5)),
            StorageTime.FromUnixMilliseconds(reader.GetInt64(6)),
            reader.GetInt64(7) != 0,
            reader.IsDBNull(8) ? null : StorageTime.FromUnixMilliseconds(reader.GetInt64(8)));

    private static int Execute(SqliteConnection connection, string sql, AdminUserView user)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", user.UserId.ToString("D"));
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$email", user.Email);
        command.Parameters.AddWithValue("$first", user.FirstName);
        command.Parameters.AddWithValue("$last", user.LastName);
        command.Parameters.AddWithValue("$role", RoleNames.Of(user.Role));
        command.Parameters.AddWithValue("$created", StorageTime.ToUnixMilliseconds(user.CreatedAt));
        command.Parameters.AddWithValue("$active", user.IsActive ? 1 : 0);
        command.Parameters.AddWithValue("$login", user.LastLoginAt is { } login ? StorageTime.ToUnixMilliseconds(login) : DBNull.Value);
        command.Parameters.AddWithValue("$username_key", UserDirectorySearch.Fold(user.Username));
        command.Parameters.AddWithValue("$email_key", UserDirectorySearch.Fold(user.Email));
        return command.ExecuteNonQuery();
    }
}
