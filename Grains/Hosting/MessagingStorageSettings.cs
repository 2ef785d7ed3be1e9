namespace Grains.Hosting;

/// <summary>Which database holds grain state, journals and (for PostgreSQL) membership.</summary>
public sealed record MessagingStorageSettings(string Provider, string ConnectionString)
{
    public const string Sqlite = "sqlite";

    public const string Postgres = "postgres";

    public bool IsPostgres => string.Equals(Provider, Postgres, StringComparison.OrdinalIgnoreCase);

    public bool IsSqlite => IsSqliteProvider(Provider);

    public static bool IsSqliteProvider(string provider) => string.Equals(provider, Sqlite, StringComparison.OrdinalIgnoreCase);

    /// <summary>Refuses an unknown provider, naming the setting.</summary>
    public MessagingStorageSettings Validate() =>
        IsPostgres || IsSqlite
            ? this
            : throw new InvalidOperationException($"Messaging:Storage '{Provider}' is not supported; use '{Sqlite}' or '{Postgres}'.");
}
