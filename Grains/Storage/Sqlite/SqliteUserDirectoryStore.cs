using System.Globalization;
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
        var conditions = new List<string>();
        await using var count = connection.CreateCommand();
        await using var select = connection.CreateCommand();
        void Filter(string condition, string name, object value)
        {
            conditions.Add(condition);
            count.Parameters.AddWithValue(name, value);
            select.Parameters.AddWithValue(name, value);
        }

        if (!string.IsNullOrEmpty(query.Contains))
        {
            Filter("(instr(username_key, $contains) > 0 OR instr(email_key, $contains) > 0)", "$contains", UserDirectorySearch.Fold(query.Contains));
        }

        if (query.Role is { } role)
        {
            Filter("role = $role", "$role", UserDirectorySearch.RoleName(role));
        }

        if (query.IsActive is { } active)
        {
            Filter("is_active = $active", "$active", active ? 1 : 0);
        }

        var where = conditions.Count == 0 ? "" : " WHERE " + string.Join(" AND ", conditions);
        count.CommandText = "SELECT COUNT(*) FROM user_directory" + where;
        var total = Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);

        select.CommandText = $"SELECT {Columns} FROM user_directory{where} ORDER BY username_key, user_id LIMIT $limit OFFSET $offset";
        select.Parameters.AddWithValue("$limit", Math.Max(0, query.Limit));
        select.Parameters.AddWithValue("$offset", Math.Max(0, query.Offset));
        var users = new List<AdminUserView>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            users.Add(new AdminUserView(
                Guid.Parse(reader.GetString(0)),
                reader.GetString(1),
                reader.GetString(2),
                reader.GetString(3),
                reader.GetString(4),
                UserDirectorySearch.ParseRole(reader.GetString(5)),
                StorageTime.FromUnixMilliseconds(reader.GetInt64(6)),
                reader.GetInt64(7) != 0,
                reader.IsDBNull(8) ? null : StorageTime.FromUnixMilliseconds(reader.GetInt64(8))));
        }

        return new UserDirectoryPage(total, users);
    }

    private static int Execute(SqliteConnection connection, string sql, AdminUserView user)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$id", user.UserId.ToString("D"));
        command.Parameters.AddWithValue("$username", user.Username);
        command.Parameters.AddWithValue("$email", user.Email);
        command.Parameters.AddWithValue("$first", user.FirstName);
        command.Parameters.AddWithValue("$last", user.LastName);
        command.Parameters.AddWithValue("$role", UserDirectorySearch.RoleName(user.Role));
        command.Parameters.AddWithValue("$created", StorageTime.ToUnixMilliseconds(user.CreatedAt));
        command.Parameters.AddWithValue("$active", user.IsActive ? 1 : 0);
        command.Parameters.AddWithValue("$login", user.LastLoginAt is { } login ? StorageTime.ToUnixMilliseconds(login) : DBNull.Value);
        command.Parameters.AddWithValue("$username_key", UserDirectorySearch.Fold(user.Username));
        command.Parameters.AddWithValue("$email_key", UserDirectorySearch.Fold(user.Email));
        return command.ExecuteNonQuery();
    }
}
