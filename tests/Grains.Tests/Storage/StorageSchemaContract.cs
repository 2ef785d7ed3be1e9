using System.Text;
using Grains.Journal;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

/// <summary>What every <see cref="IStorageSchema"/> must do: apply each script once, however often and however concurrently asked.</summary>
public abstract class StorageSchemaContract : StorageContract
{
    /// <summary>The highest script version the provider ships; raise it with each new script.</summary>
    protected abstract long LatestVersion { get; }

    /// <summary>The tables the provider's scripts create.</summary>
    protected abstract IReadOnlyList<string> Tables { get; }

    [Fact]
    public async Task SchemaEnsuredTwiceIsAppliedOnce()
    {
        var connectionString = await FreshDatabaseAsync();

        await using (var silo = CreateServices(connectionString))
        {
            var schema = silo.GetRequiredService<IStorageSchema>();
            await schema.EnsureCreatedAsync(CancellationToken.None);
            await schema.EnsureCreatedAsync(CancellationToken.None);
        }

        await using (var restartedSilo = CreateServices(connectionString))
        {
            await restartedSilo.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        }

        await AssertSchemaAtLatestVersionAsync(connectionString);
    }

    [Fact]
    public async Task SchemaEnsuredBySilosStartingAtOnceIsAppliedOnce()
    {
        var connectionString = await FreshDatabaseAsync();
        var silos = Enumerable.Range(0, 6).Select(_ => CreateServices(connectionString)).ToArray();
        try
        {
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var migrations = silos
                .Select(silo => Task.Run(async () =>
                {
                    await start.Task;
                    await silo.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
                }))
                .ToArray();
            start.SetResult();
            await Task.WhenAll(migrations);

            await AssertSchemaAtLatestVersionAsync(connectionString);
            var journal = silos[^1].GetRequiredService<IJournalStore>();
            await journal.AppendAsync("test/schema", new JournalRow(1, Guid.NewGuid(), DateTimeOffset.UtcNow, "author", null, false, Encoding.UTF8.GetBytes("works")), CancellationToken.None);
            Assert.Equal(1, (await journal.GetLastAsync("test/schema", CancellationToken.None))?.Seq);
        }
        finally
        {
            foreach (var silo in silos)
            {
                await silo.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task SchemaCreatesEveryTableEmpty()
    {
        var connectionString = await FreshDatabaseAsync();

        await using (var silo = CreateServices(connectionString))
        {
            await silo.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        }

        foreach (var table in Tables)
        {
            Assert.Equal(0, await Provider.QueryScalarAsync(connectionString, $"SELECT COUNT(*) FROM {table}"));
        }
    }

    private Task<string> FreshDatabaseAsync() => Provider.GetDatabaseAsync($"schema_{Guid.NewGuid():N}");

    private async Task AssertSchemaAtLatestVersionAsync(string connectionString)
    {
        // Scripts are numbered 1, 2, ... and each is recorded once.
        Assert.Equal(LatestVersion, await Provider.QueryScalarAsync(connectionString, "SELECT COUNT(*) FROM schema_version"));
        Assert.Equal(LatestVersion, await Provider.QueryScalarAsync(connectionString, "SELECT MAX(version) FROM schema_version"));
    }
}
