using System.Globalization;
using System.Text;
using Grains.Interfaces;
using Grains.Journal;
using Grains.Storage;
using Grains.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Grains.Tests.Storage;

/// <summary>What only the SQLite provider promises: its file, its pragmas, its options, and writers that wait for each other.</summary>
public sealed class SqliteStorageTests(SqliteTestProvider provider) : IClassFixture<SqliteTestProvider>
{
    [Fact]
    public async Task ConnectionsUseWriteAheadLogFullSyncAndBusyTimeout()
    {
        await using var services = Build(DatabaseIn("pragmas"));

        await using var connection = await services.GetRequiredService<SqliteConnectionFactory>().OpenAsync(CancellationToken.None);

        Assert.Equal("wal", await PragmaAsync(connection, "journal_mode"));
        Assert.Equal("2", await PragmaAsync(connection, "synchronous"));
        Assert.Equal("30000", await PragmaAsync(connection, "busy_timeout"));
    }

    [Fact]
    public async Task NormalSyncAndShorterBusyTimeoutCanBeChosen()
    {
        await using var services = Build(DatabaseIn("normal"), options =>
        {
            options.Synchronous = SqliteSynchronousMode.Normal;
            options.BusyTimeout = TimeSpan.FromSeconds(2);
        });

        await using var connection = await services.GetRequiredService<SqliteConnectionFactory>().OpenAsync(CancellationToken.None);

        Assert.Equal("1", await PragmaAsync(connection, "synchronous"));
        Assert.Equal("2000", await PragmaAsync(connection, "busy_timeout"));
    }

    [Fact]
    public async Task MissingDirectoriesOfDatabaseFileAreCreated()
    {
        var file = Path.Combine(provider.Directory, "nested", Guid.NewGuid().ToString("N"), "actors.db");

        await using (var services = Build($"Data Source={file}"))
        {
            await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        }

        Assert.True(File.Exists(file), $"{file} was not created.");
    }

    [Theory]
    [InlineData("Data Source=:memory:")]
    [InlineData("Data Source=shared;Mode=Memory")]
    [InlineData("Data Source=readonly.db;Mode=ReadOnly")]
    [InlineData("Mode=ReadWriteCreate")]
    [InlineData("Nonsense Keyword=1")]
    public void ConnectionStringWithoutWritableFileIsRefused(string connectionString)
    {
        using var services = Build(connectionString);

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IGrainStateStore>());

        Assert.Contains("SQLite", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NonPositiveBusyTimeoutIsRefused()
    {
        using var services = Build(DatabaseIn("timeout"), options => options.BusyTimeout = TimeSpan.Zero);

        var exception = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IJournalStore>());

        Assert.Contains("BusyTimeout", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriterWaitsForAnotherConnectionsWriteLockInsteadOfFailing()
    {
        var connectionString = DatabaseIn("busy");
        await using var services = Build(connectionString);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var store = services.GetRequiredService<IGrainStateStore>();

        // Another silo's connection holds the write lock for a while.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await other.OpenAsync();
        await using var transaction = other.BeginTransaction(deferred: false);
        var write = Task.Run(() => store.WriteAsync("test.busy", "key", Encoding.UTF8.GetBytes("waited"), null, CancellationToken.None));
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        Assert.False(write.IsCompleted, "The write finished while another connection held the write lock.");
        await transaction.CommitAsync();

        Assert.Equal("1", await write);
        var record = await store.ReadAsync("test.busy", "key", CancellationToken.None);
        Assert.Equal("waited", Encoding.UTF8.GetString(record?.Payload ?? []));
    }

    [Fact]
    public async Task MaxWritesPerCommitOfOneCommitsEachWriteOnItsOwn()
    {
        await using var services = Build(DatabaseIn("one"), options => options.MaxWritesPerCommit = 1);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var store = services.GetRequiredService<IJournalStore>();
        var commitsBefore = services.GetRequiredService<SqliteConnectionFactory>().Commits;

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i =>
            store.AppendAsync($"stream-{i}", new JournalRow(1, Guid.NewGuid(), DateTimeOffset.UnixEpoch, "a", null, false, "{}"u8.ToArray()), CancellationToken.None)));

        Assert.Equal(50, services.GetRequiredService<SqliteConnectionFactory>().Commits - commitsBefore);
    }

    [Fact]
    public async Task DisposingTheContainerClosesTheFileCleanly()
    {
        var file = Path.Combine(provider.Directory, $"{Guid.NewGuid():N}.db");

        await using (var services = Build($"Data Source={file}"))
        {
            await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
            await services.GetRequiredService<IGrainStateStore>().WriteAsync("test.close", "key", [1, 2, 3], null, CancellationToken.None);
        }

        // The last connection to close checkpoints the write-ahead log into the file and removes it.
        Assert.False(File.Exists(file + "-wal"), "The write-ahead log outlived the container.");
        await using var connection = new SqliteConnection($"Data Source={file};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT version FROM grain_state WHERE grain_type = 'test.close'";
        Assert.Equal(1L, await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task DatabaseAtVersionOneIsUpgradedToCoveringJournalIndexes()
    {
        var connectionString = await DatabaseAtVersionAsync("upgrade", 1, sql: "");

        await using (var services = Build(connectionString))
        {
            await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        }

        Assert.Equal(9, await provider.QueryScalarAsync(connectionString, "SELECT MAX(version) FROM schema_version"));
        Assert.Equal(2, await provider.QueryScalarAsync(
            connectionString,
            "SELECT COUNT(*) FROM sqlite_master WHERE name IN ('ix_journal_live', 'ix_journal_live_author') AND sql LIKE '%created_at_ms, deleted)%'"));
    }

    [Fact]
    public async Task EntryIdsWrittenBeforeVersionFourAreFoundAfterTheUpgradeAndNewOnesIncreaseWithTime()
    {
        // A database at version 3, with a message whose entry id is stored as Guid.ToByteArray() wrote it.
        var old = Guid.CreateVersion7();
        var connectionString = await DatabaseAtVersionAsync(
            "entry-ids", 3, $"INSERT INTO journal VALUES ('messages/x', 1, x'{Convert.ToHexString(old.ToByteArray())}', 0, 'a', NULL, 0, x'7B7D');");

        await using var services = Build(connectionString);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var store = services.GetRequiredService<IJournalStore>();
        var newer = Enumerable.Range(0, 20).Select(_ => Guid.CreateVersion7(DateTimeOffset.UtcNow.AddMilliseconds(Random.Shared.Next(1, 1_000_000)))).Order().ToList();
        for (var i = 0; i < newer.Count; i++)
        {
            await store.AppendAsync("messages/x", new JournalRow(i + 2, newer[i], DateTimeOffset.UnixEpoch, "a", null, false, "{}"u8.ToArray()), CancellationToken.None);
        }

        Assert.Equal(old, (await store.FindAsync("messages/x", old, CancellationToken.None))?.EntryId);
        Assert.Equal(newer[^1], (await store.GetLastAsync("messages/x", CancellationToken.None))?.EntryId);

        // Stored in RFC byte order, ids that increase with time sort as they were created: appends go to the index's end.
        Assert.Equal(
            Enumerable.Range(1, 21).Select(i => (long)i),
            await SeqsInEntryIdOrderAsync(connectionString));
    }

    [Fact]
    public async Task EventsWrittenBeforeVersionSixAreReadFromTheEventLogAfterTheUpgrade()
    {
        // A database at version 5, with a user's two events and a message in the journal table.
        var connectionString = await DatabaseAtVersionAsync(
            "event-log", 5, $"INSERT INTO journal VALUES {JournalRowSql("events/u", 1)}, {JournalRowSql("events/u", 2)}, {JournalRowSql("messages/x", 1)};");

        await using var services = Build(connectionString);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var journals = services.GetRequiredService<IJournalStore>();
        var eventLogs = services.GetRequiredKeyedService<IJournalStore>(GrainJournals.EventLogKey);

        Assert.Equal(2, (await eventLogs.GetLastAsync("events/u", CancellationToken.None))?.Seq);
        Assert.Null(await journals.GetLastAsync("events/u", CancellationToken.None));
        Assert.Equal(1, (await journals.GetLastAsync("messages/x", CancellationToken.None))?.Seq);
        Assert.Null(await eventLogs.GetLastAsync("messages/x", CancellationToken.None));
    }

    [Fact]
    public async Task EventsWrittenBeforeVersionSevenKeepTheirCursorsAfterTheUpgrade()
    {
        // A database at version 6, with two events of one user and one of another in event_log.
        var connectionString = await DatabaseAtVersionAsync(
            "event-log-rowid", 6, $"INSERT INTO event_log VALUES {JournalRowSql("events/u", 1)}, {JournalRowSql("events/u", 2)}, {JournalRowSql("events/v", 1)};");

        await using var services = Build(connectionString);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);
        var eventLogs = services.GetRequiredKeyedService<IJournalStore>(GrainJournals.EventLogKey);

        var page = await eventLogs.QueryAsync("events/u", new JournalQuery { AfterSeq = 0, Descending = false }, CancellationToken.None);
        Assert.Equal([1L, 2L], page.Rows.Select(row => row.Seq));
        Assert.Equal("{\"n\":2}", Encoding.UTF8.GetString(page.Rows[1].Payload));
        Assert.Equal(1, (await eventLogs.GetLastAsync("events/v", CancellationToken.None))?.Seq);

        // The key still refuses a cursor that is taken, and the next one is appended.
        await Assert.ThrowsAsync<Orleans.Storage.InconsistentStateException>(() => eventLogs.AppendAsync(
            "events/u", [new JournalRow(2, Guid.CreateVersion7(), DateTimeOffset.UtcNow, "a", null, false, "{}"u8.ToArray())], CancellationToken.None));
        await eventLogs.AppendAsync(
            "events/u", [new JournalRow(3, Guid.CreateVersion7(), DateTimeOffset.UtcNow, "a", null, false, "{}"u8.ToArray())], CancellationToken.None);
        Assert.Equal(3, (await eventLogs.GetLastAsync("events/u", CancellationToken.None))?.Seq);
    }

    [Fact]
    public async Task ReservationsWrittenBeforeOrleansAreFoundUnderTheirPrefixedKeysAfterTheUpgrade()
    {
        var holder = Guid.NewGuid();
        var payload = $$"""{"user_id":"{{holder}}","reserved_at":"2026-11-20T10:00:00+00:00"}""";
        var connectionString = await DatabaseAtVersionAsync(
            "reservations",
            2,
            $"INSERT INTO grain_state VALUES ('username.reservation', '0123', 1, CAST('{payload}' AS BLOB), 0);"
            + $"INSERT INTO grain_state VALUES ('email.reservation', 'a@example.com', 1, CAST('{payload}' AS BLOB), 0);"
            + $"INSERT INTO grain_state VALUES ('user.user', '{holder}', 1, CAST('{{}}' AS BLOB), 0);");

        await using var services = Build(connectionString);
        await services.GetRequiredService<IStorageSchema>().EnsureCreatedAsync(CancellationToken.None);

        var storage = new StateStoreGrainStorage(services.GetRequiredService<IGrainStateStore>(), GrainStateSerialization.Create());
        foreach (var grainId in new[] { GrainId.Create("username", NameKeys.Username("0123")), GrainId.Create("email", NameKeys.Email("A@example.com")) })
        {
            var state = new GrainState<NameReservationState>();
            await storage.ReadStateAsync("reservation", grainId, state);
            Assert.Equal(holder, state.State?.UserId);
        }

        Assert.Equal(1, await provider.QueryScalarAsync(connectionString, $"SELECT COUNT(*) FROM grain_state WHERE grain_type = 'user.user' AND grain_key = '{holder}'"));
        Assert.Equal(0, await provider.QueryScalarAsync(connectionString, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'silos'"));
    }

    /// <summary>A row of a journal-shaped table (journal, event_log) whose payload is <c>{"n":seq}</c>.</summary>
    private static string JournalRowSql(string stream, int seq) =>
        $"('{stream}', {seq}, x'{Convert.ToHexString(Guid.CreateVersion7().ToByteArray(bigEndian: true))}', {seq}, 'a', NULL, 0, CAST('{{\"n\":{seq}}}' AS BLOB))";

    /// <summary>A database as the scripts up to <paramref name="version"/> left it, and then <paramref name="sql"/>.</summary>
    private async Task<string> DatabaseAtVersionAsync(string name, int version, string sql)
    {
        var connectionString = DatabaseIn(name);
        var scripts = SchemaScript.LoadEmbedded("Grains.Storage.Sqlite.Scripts.").Where(script => script.Version <= version);
        await ExecuteAsync(
            connectionString,
            string.Concat(scripts.Select(script => script.Sql))
            + "CREATE TABLE schema_version (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at_ms INTEGER NOT NULL) STRICT;"
            + "INSERT INTO schema_version VALUES "
            + string.Join(", ", Enumerable.Range(1, version).Select(v => string.Create(CultureInfo.InvariantCulture, $"({v}, '{v:000}', 0)")))
            + ";"
            + sql);
        return connectionString;
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static ServiceProvider Build(string connectionString, Action<SqliteStorageOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSqliteMessagingStorage(connectionString, configure ?? (static _ => { }));
        return services.BuildServiceProvider();
    }

    private async Task<List<long>> SeqsInEntryIdOrderAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq FROM journal WHERE stream = 'messages/x' ORDER BY entry_id";
        await using var reader = await command.ExecuteReaderAsync();
        var seqs = new List<long>();
        while (await reader.ReadAsync())
        {
            seqs.Add(reader.GetInt64(0));
        }

        return seqs;
    }

    private static async Task<string> PragmaAsync(SqliteConnection connection, string pragma)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma}";
        return Convert.ToString(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture) ?? string.Empty;
    }

    private string DatabaseIn(string name) => $"Data Source={Path.Combine(provider.Directory, $"{name}-{Guid.NewGuid():N}.db")}";
}
