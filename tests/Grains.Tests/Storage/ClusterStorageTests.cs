using Grains.Admin;
using Grains.Interfaces;
using Grains.Journal;
using Grains.Tests.Clusters;
using Grains.Tests.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Providers;
using Orleans.Storage;

namespace Grains.Tests.Storage;

/// <summary>
/// Storage as the silos use it, on each provider: the default <see cref="IGrainStorage"/> (the project's
/// SQLite store, or Orleans' ADO.NET storage on PostgreSQL) refuses stale ETags and Orleans then drops the
/// stale activation; the journal refuses a taken seq; grain keys that read as numbers stay apart.
/// </summary>
public abstract class ClusterStorageTests(MessagingClusterFixture cluster)
{
    private IClusterClient Client => cluster.Client;

    private IServiceProvider SiloServices(int index) => cluster.Cluster.Silos[index].Services();

    [Fact]
    public async Task OfTwoWritesWithTheSameETagTheSecondIsRefusedAndTheFirstIsKept()
    {
        var grain = Client.GetGrain<IUsernameGrain>(NameKeys.Username($"etag_{Guid.NewGuid():N}"));
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());
        var storage = SiloServices(0).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var otherSilosStorage = SiloServices(1).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var mine = await ReadAsync<NameReservationState>(storage, grain);
        var theirs = await ReadAsync<NameReservationState>(otherSilosStorage, grain);

        mine.State!.UserId = first;
        await storage.WriteStateAsync("reservation", grain.GetGrainId(), mine);
        theirs.State!.UserId = second;
        await Assert.ThrowsAsync<InconsistentStateException>(() => otherSilosStorage.WriteStateAsync("reservation", grain.GetGrainId(), theirs));

        var stale = await ReadAsync<NameReservationState>(otherSilosStorage, grain);
        mine.State!.UserId = second;
        await storage.WriteStateAsync("reservation", grain.GetGrainId(), mine);
        await Assert.ThrowsAsync<InconsistentStateException>(() => otherSilosStorage.WriteStateAsync("reservation", grain.GetGrainId(), stale));

        Assert.Equal(second, (await ReadAsync<NameReservationState>(storage, grain)).State!.UserId);
        Assert.Equal(second, await grain.GetUserIdAsync());
    }

    [Fact]
    public async Task AStaleActivationsWriteIsRefusedAndTheNextCallSeesTheStoredState()
    {
        var key = Guid.NewGuid();
        var grain = Client.GetGrain<IProbeGrain>(key);
        var first = await grain.AddAsync(1, 0);

        // Another writer (as a second activation would) changes the stored state behind this activation's back.
        var storage = SiloServices(1).GetRequiredKeyedService<IGrainStorage>(ProbeGrain.StorageName);
        var stored = await ReadAsync<ProbeState>(storage, grain);
        stored.State!.Value = 100;
        await storage.WriteStateAsync("probe", grain.GetGrainId(), stored);

        // The activation's write carries the old ETag: refused, nothing written, and Orleans drops the activation.
        await Assert.ThrowsAsync<InconsistentStateException>(() => grain.AddAsync(1, 0));
        var read = await grain.ReadAsync(0);
        var added = await grain.AddAsync(1, 0);

        Assert.Equal(100, read.Value);
        Assert.NotEqual(first.ActivationId, read.ActivationId);
        Assert.Contains($"deactivated:{DeactivationReasonCode.ApplicationError}", ProbeEvents.For(key));
        Assert.Equal(101, added.Value);
        Assert.Equal(101, (await ReadAsync<ProbeState>(storage, grain)).State!.Value);
    }

    [Fact]
    public async Task ASecondAppendOfTheSameSeqIsRefusedAndNothingIsDuplicated()
    {
        var key = Guid.NewGuid().ToString("D");
        var mine = JournalOn(0, key);
        var duplicate = JournalOn(1, key);
        var original = Entry(1, "original");
        await mine.AppendAsync([original]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => duplicate.AppendAsync([Entry(1, "duplicate")]));

        var page = await mine.QueryAsync(new JournalQuery { Descending = false, Limit = 10 });
        Assert.Equal(1, page.TotalCount);
        var stored = Assert.Single(page.Entries);
        Assert.Equal((original.EntryId, "original"), (stored.EntryId, stored.Payload.MessageBody));
        Assert.Equal(original.EntryId, (await duplicate.GetLastAsync())?.EntryId);
    }

    [Fact]
    public async Task AConversationWhoseNextSeqWasTakenRefusesTheSendThenContinuesAfterIt()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = Guid.NewGuid();
        var conversation = Client.GetGrain<IConversationGrain>(id);
        await conversation.CreateAsync(owner, new CreateConversation([member], "duplicates"));
        await conversation.SendAsync(owner, new SendMessage("one", null));

        // A duplicate activation (as Orleans may briefly have during membership changes) appended seq 2.
        var intruder = Entry(2, "from a duplicate activation", author: member);
        await JournalOn(2, id.ToString("D")).AppendAsync([intruder]);

        await Assert.ThrowsAsync<InconsistentStateException>(() => conversation.SendAsync(owner, new SendMessage("two", null)));
        var retried = await GrainCalls.OnceAsync(() => conversation.SendAsync(owner, new SendMessage("two", null)));

        Assert.Equal(3, retried.Message.Seq);
        var messages = await conversation.ListMessagesAsync(owner, new MessageQuery(null, null, null, null, null, false, 0, 100));
        Assert.Equal([(1L, "one"), (2L, "from a duplicate activation"), (3L, "two")], messages.Results.Select(m => (m.Seq, m.MessageBody)));
    }

    [Theory]
    [InlineData("123", "0123")]
    [InlineData("abc", "0abc")]
    public async Task UsernamesThatReadAsTheSameHexadecimalNumberAreDifferentUsers(string username, string padded)
    {
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await Client.GetGrain<IUserGrain>(first).RegisterAsync(Registration(username));
        await Client.GetGrain<IUserGrain>(second).RegisterAsync(Registration(padded));

        var users = (await Client.GetGrain<IUserGrain>(first).GetAsync(), await Client.GetGrain<IUserGrain>(second).GetAsync());
        Assert.Equal((username, padded), (users.Item1.Username, users.Item2.Username));
        var reservations = new[] { Client.GetGrain<IUsernameGrain>(NameKeys.Username(username)), Client.GetGrain<IUsernameGrain>(NameKeys.Username(padded)) };
        Assert.Equal([first, second], await Task.WhenAll(reservations.Select(r => r.GetUserIdAsync())));
        var storage = SiloServices(0).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var stored = new List<Guid?>();
        foreach (var reservation in reservations)
        {
            stored.Add((await ReadAsync<NameReservationState>(storage, reservation)).State!.UserId);
        }

        Assert.Equal([first, second], stored);
    }

    /// <summary>Reads as an activation does: a grain with no stored record gets a new state and a null ETag.</summary>
    [Fact]
    public async Task TheFormerDirectoryStateMovesIntoTheTableOnceAndEntriesWrittenSinceStay()
    {
        var tag = $"imp{Guid.NewGuid():N}"[..14];
        var at = new DateTimeOffset(2026, 11, 27, 10, 0, 0, 250, TimeSpan.Zero);
        var former = new AdminUserView(Guid.NewGuid(), $"{tag}_former", $"{tag}.former@example.com", "F", "L", UserRole.User, at, true, at.AddDays(1));
        var since = new AdminUserView(Guid.NewGuid(), $"{tag}_since", $"{tag}.since@example.com", "S", "L", UserRole.Admin, at, false, at.AddDays(2));
        await SiloServices(1).GetRequiredService<IUserDirectoryStore>().UpsertAsync(since, CancellationToken.None);

        // What an earlier version left: one grain state holding every entry, one of them older than the table's.
        var storage = SiloServices(0).GetRequiredKeyedService<IGrainStorage>(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME);
        var state = new UserDirectoryState();
        state.Users[former.UserId] = former;
        state.Users[since.UserId] = since with { Role = UserRole.User, IsActive = true, LastLoginAt = null };
        await storage.WriteStateAsync(UserDirectoryImport.StateName, UserDirectoryImport.FormerGrainId, new GrainState<UserDirectoryState>(state));

        var import = SiloServices(0).GetServices<ILifecycleParticipant<ISiloLifecycle>>().OfType<UserDirectoryImport>().Single();
        Assert.Equal(1, await import.ImportAsync(CancellationToken.None));
        Assert.Equal(0, await import.ImportAsync(CancellationToken.None));

        var page = await Client.GetGrain<IUserDirectoryGrain>(0).QueryAsync(new UserDirectoryQuery(tag, null, null, 0, 10));
        Assert.Equal([former, since], page.Users);
        var left = new GrainState<UserDirectoryState>();
        await storage.ReadStateAsync(UserDirectoryImport.StateName, UserDirectoryImport.FormerGrainId, left);
        Assert.False(left.RecordExists);
    }

    private static async Task<GrainState<T>> ReadAsync<T>(IGrainStorage storage, IAddressable grain)
        where T : class, new()
    {
        var state = new GrainState<T>();
        await storage.ReadStateAsync(grain is IProbeGrain ? "probe" : "reservation", grain.GetGrainId(), state);
        Assert.NotNull(state.State);
        return state;
    }

    private static JournalEntry<MessageRecord> Entry(long seq, string body, Guid? author = null) =>
        new(seq, Guid.NewGuid(), DateTimeOffset.UtcNow, (author ?? Guid.NewGuid()).ToString("N"), null, false, new MessageRecord(body, "someone", null, null));

    private static RegisterUser Registration(string username) =>
        new(username, $"{Guid.NewGuid():N}@example.com", "correct horse battery", "First", "Last", UserRole.User);

    /// <summary>The conversation's message journal as the grains on silo <paramref name="silo"/> open it.</summary>
    private IGrainJournal<MessageRecord> JournalOn(int silo, string conversationKey) =>
        SiloServices(silo).GetRequiredService<GrainJournals>().Open("messages", conversationKey, GrainsStateJsonContext.Default.MessageRecord);

    private async Task<Guid> NewUserAsync()
    {
        var id = Guid.NewGuid();
        await Client.GetGrain<IUserGrain>(id).RegisterAsync(Registration($"user_{Guid.NewGuid():N}"[..20]));
        return id;
    }
}
