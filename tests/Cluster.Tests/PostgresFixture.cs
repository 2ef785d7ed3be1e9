using Messaging.Testing.Postgres;

namespace Cluster.Tests;

/// <summary>One PostgreSQL server for the whole run; each test gets its own database on it.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    private int _databases;

    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();

    public Task<string> CreateDatabaseAsync() =>
        Server.CreateDatabaseAsync($"cluster_{Interlocked.Increment(ref _databases)}");
}
