using Grains.Storage.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

public sealed class SqliteJournalStoreTests(SqliteTestProvider provider) : JournalStoreContract, IClassFixture<SqliteTestProvider>
{
    protected override IStorageTestProvider Provider => provider;

    protected override long AppendCommits => Services.GetRequiredService<SqliteConnectionFactory>().Commits;
}
