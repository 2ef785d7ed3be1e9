using Grains.Journal;
using Grains.Storage.Postgres;
using Microsoft.Extensions.DependencyInjection;

namespace Grains.Tests.Storage;

[Collection(PostgresCollection.Name)]
public sealed class PostgresJournalStoreTests(PostgresServerFixture server) : JournalStoreContract
{
    protected override IStorageTestProvider Provider => server;

    protected override long AppendCommits => ((PostgresJournalStore)Services.GetRequiredService<IJournalStore>()).AppendCommits;
}
