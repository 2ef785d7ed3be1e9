using Grains.Hosting;
using Messaging.Testing.Postgres;

namespace Grains.Tests.Clusters;

/// <summary>Test clusters over databases of a throwaway PostgreSQL server, stopped and deleted with the fixture.</summary>
public sealed class PostgresClusterFixture : MessagingClusterFixture
{
    private PostgresServer? _server;
    private int _databases;

    public override string Provider => MessagingStorageSettings.Postgres;

    protected override async Task StartStorageAsync() => _server = await PostgresServer.StartAsync();

    protected override async Task StopStorageAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override Task<string> CreateDatabaseAsync() =>
        _server!.CreateDatabaseAsync($"cluster_{Interlocked.Increment(ref _databases)}");
}
