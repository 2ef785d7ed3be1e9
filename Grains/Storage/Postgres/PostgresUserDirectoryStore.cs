using Grains.Admin;
using Grains.Interfaces;
using Npgsql;

namespace Grains.Storage.Postgres;

/// <summary>
/// The user directory in the <c>user_directory</c> table: one statement per write; a listing is a count and a
/// page in username order, read from the username index when no filter applies.
/// </summary>
internal sealed class PostgresUserDirectoryStore(NpgsqlDataSource dataSource) : IUserDirectoryStore
{
    private const string Columns = "user_id, username, email, first_name, last_name, role, created_at, is_active, last_login_at";

    private const string InsertSql =
        $"INSERT INTO user_directory ({Columns}, username_key, email_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)";

    private const string UpsertSql =
        InsertSql
        + " ON CONFLICT (user_id) DO UPDATE SET username = excluded.username, email = excluded.email, first_name = excluded.first_name,"
        + " last_name = excluded.last_name, role = excluded.role, created_at = excluded.created_at, is_active = excluded.is_active,"
        + " last_login_at = excluded.last_login_at, username_key = excluded.username_key, email_key = excluded.email_key";

    private const string AddMissingSql = InsertSql + " ON CONFLICT (user_id) DO NOTHING";

    public async Task UpsertAsync(AdminUserView user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var command = dataSource.CreateCommand(UpsertSql);
        Bind(command, user);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> AddMissingAsync(IReadOnlyCollection<AdminUserView> users, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(users);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var added = 0;
        foreach (var user in users)
        {
            await using var command = new NpgsqlCommand(AddMissingSql, connection, transaction);
            Bind(command, user);
            added += await command.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<UserDirectoryPage> QueryAsync(UserDirectoryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var page = new PostgresFilteredPage(dataSource);
        if (!string.IsNullOrEmpty(query.Contains))
        {
            var folded = UserDirectorySearch.Fold(query.Contains);
            page.Where("(strpos(username_key, $?) > 0 OR strpos(email_key, $?) > 0)", () => new NpgsqlParameter<string> { TypedValue = folded });
        }

        if (query.Role is { } role)
        {
            page.Where("role = $?", () => new NpgsqlParameter<string> { TypedValue = RoleNames.Of(role) });
        }

        if (query.IsActive is { } active)
        {
            page.Where("is_active = $?", () => new NpgsqlParameter<bool> { TypedValue = active });
        }

        var (total, users) = await page.ReadAsync(
            "user_directory", Columns, "username_key, user_id", query.Limit, query.Offset, ReadUser, cancellationToken);
        return new UserDirectoryPage(total, users);
    }

    private static AdminUserView ReadUser(NpgsqlDataReader reader) =>
        new(
            reader.GetGuid(0),
            reader.GetString(1),
            reader.GetString(2),
            reader.GetString(3),
            reader.GetString(4),
            RoleNames.Parse(reader.GetString(5)),
            reader.GetFieldValue<DateTimeOffset>(6),
            reader.GetBoolean(7),
            reader.IsDBNull(8) ? null : reader.GetFieldValue<DateTimeOffset>(8));

    private static void Bind(NpgsqlCommand command, AdminUserView user)
    {
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = user.UserId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Username });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.Email });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.FirstName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = user.LastName });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = RoleNames.Of(user.Role) });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(user.CreatedAt) });
        command.Parameters.Add(new NpgsqlParameter<bool> { TypedValue = user.IsActive });
        command.Parameters.Add(user.LastLoginAt is { } login
            ? new NpgsqlParameter<DateTimeOffset> { TypedValue = StorageTime.Truncate(login) }
            : new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.TimestampTz });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UserDirectorySearch.Fold(user.Username) });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = UserDirectorySearch.Fold(user.Email) });
    }
}
