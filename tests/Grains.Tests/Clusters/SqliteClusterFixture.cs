using Grains.Hosting;

namespace Grains.Tests.Clusters;

/// <summary>Test clusters over SQLite files in a temporary directory, deleted with it.</summary>
public sealed class SqliteClusterFixture : MessagingClusterFixture
{
    private string? _directory;

    public override string Provider => MessagingStorageSettings.Sqlite;

    protected override Task StartStorageAsync()
    {
        _directory = Directory.CreateTempSubdirectory("messaging-cluster-").FullName;
        return Task.CompletedTask;
    }

    protected override Task StopStorageAsync()
    {
        if (_directory is not null)
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(_directory!, $"{Guid.NewGuid():N}.db")}");
}
