namespace Gateway.Api.Hosting;

/// <summary>How this gateway reaches its grains, bound from the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public const string EmbeddedMode = "embedded";

    public const string ClusterMode = "cluster";

    public const string SqliteStorage = "sqlite";

    public const string PostgresStorage = "postgres";

    /// <summary>"embedded" (default): a co-hosted silo in this process; "cluster": a client of the silos in the configured database.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    /// <summary>Where the embedded SQLite file and the development signing key live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>"sqlite" (default) or "postgres": where the co-hosted silo keeps grain state and journals (and, for PostgreSQL, membership).</summary>
    public string Storage { get; set; } = SqliteStorage;

    /// <summary>ADO.NET connection string; for SQLite it defaults to messaging.db in <see cref="DataDirectory"/>, for PostgreSQL it is required.</summary>
    public string? ConnectionString { get; set; }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
