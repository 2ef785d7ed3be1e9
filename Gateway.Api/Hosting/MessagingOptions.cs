namespace Gateway.Api.Hosting;

/// <summary>How this gateway reaches its grains, bound from the "Messaging" section.</summary>
public sealed class MessagingOptions
{
    public const string SectionName = "Messaging";

    public const string EmbeddedMode = "embedded";

    /// <summary>"embedded" (default): a co-hosted silo in this process. Cluster mode comes later.</summary>
    public string Mode { get; set; } = EmbeddedMode;

    /// <summary>Where the embedded SQLite file and the development signing key live; relative to the working directory.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>SQLite connection string of the embedded mode; defaults to messaging.db in <see cref="DataDirectory"/>.</summary>
    public string? ConnectionString { get; set; }

    public string FullDataDirectory => Path.GetFullPath(DataDirectory);
}
