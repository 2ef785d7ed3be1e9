using Grains.Journal;
using Grains.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Grains.Tests.Storage;

/// <summary>What only the PostgreSQL provider and the test server promise.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresStorageTests(PostgresServerFixture server)
{
    [Fact]
    public async Task StorageUsesItsOwnKeyedDataSourceWithAutoPrepare()
    {
        var connectionString = await server.GetDatabaseAsync(nameof(PostgresStorageTests));
        var services = new ServiceCollection();
        services.AddPostgresJournalStorage(connectionString, static _ => { });
        await using var provider = services.BuildServiceProvider();

        var dataSource = provider.GetRequiredKeyedService<NpgsqlDataSource>(PostgresStorageServiceCollectionExtensions.DataSourceKey);

        Assert.Null(provider.GetService<NpgsqlDataSource>());
        Assert.Equal(32, new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).MaxAutoPrepare);
    }

    [Theory]
    [InlineData("Port=5432;Database=x")]
    [InlineData("Not A Keyword=1")]
    public void ConnectionStringWithoutServerIsRefused(string connectionString)
    {
        var services = new ServiceCollection();
        services.AddPostgresJournalStorage(connectionString, static _ => { });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IJournalStore>());

        Assert.Contains("PostgreSQL", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NegativeMaxAutoPrepareIsRefused()
    {
        var services = new ServiceCollection();
        services.AddPostgresJournalStorage("Host=127.0.0.1", options => options.MaxAutoPrepare = -1);
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IJournalStore>());

        Assert.Contains("MaxAutoPrepare", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("has-dash")]
    [InlineData("x\"; DROP DATABASE postgres; --")]
    [InlineData("")]
    [InlineData("trailing_newline\n")]
    public async Task TestServerRefusesDatabaseNamesThatAreNotPlain(string name)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => server.Server.CreateDatabaseAsync(name));
    }
}
