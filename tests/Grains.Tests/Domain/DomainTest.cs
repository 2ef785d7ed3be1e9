using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

/// <summary>Helpers shared by the domain tests: fresh users and conversations on the collection's cluster.</summary>
public abstract class DomainTest(MessagingClusterFixture cluster)
{
    public const string Password = "correct horse battery";

    protected MessagingClusterFixture Cluster { get; } = cluster;

    protected virtual IGrainFactory Client => Cluster.Client;

    protected IConversationGrain Conversation(Guid id) => Client.GetGrain<IConversationGrain>(id);

    protected IUserGrain User(Guid id) => Client.GetGrain<IUserGrain>(id);

    protected IUsernameGrain Username(string username) => Client.GetGrain<IUsernameGrain>(NameKeys.Username(username));

    protected IEmailGrain Email(string email) => Client.GetGrain<IEmailGrain>(NameKeys.Email(email));

    /// <summary>A user's state as stored now, around any activation, with its version (which counts the writes).</summary>
    protected Task<(UserState State, long Version)> ReadStoredUserAsync(Guid userId) =>
        Cluster.ReadStoredStateAsync<UserState>(User(userId), "user");

    protected static string UniqueName(string prefix = "user") => $"{prefix}_{Guid.NewGuid():N}"[..Math.Min(40, prefix.Length + 25)];

    protected static RegisterUser Registration(string username, string? email = null, string password = Password) =>
        new(username, email ?? $"{username}@example.com", password, "First", "Last", UserRole.User);

    protected async Task<Guid> NewUserAsync(string? username = null)
    {
        var id = Guid.NewGuid();
        await User(id).RegisterAsync(Registration(username ?? UniqueName()));
        return id;
    }

    protected async Task<Guid[]> NewUsersAsync(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => NewUserAsync()));

    /// <summary>A fresh conversation created by <paramref name="owner"/> with the given members.</summary>
    protected async Task<Guid> NewConversationAsync(Guid owner, params Guid[] members)
    {
        var id = Guid.NewGuid();
        await Conversation(id).CreateAsync(owner, new CreateConversation(members, "Title"));
        return id;
    }

    protected static MessageQuery Query(
        int offset = 0,
        int limit = 100,
        bool descending = false,
        DateTimeOffset? sentAfter = null,
        DateTimeOffset? sentBefore = null,
        Guid? sender = null,
        long? afterSeq = null,
        long? beforeSeq = null) =>
        new(sentAfter, sentBefore, sender, afterSeq, beforeSeq, descending, offset, limit);

    protected static ConversationListQuery ListQuery(int offset = 0, int limit = 100, params Guid[] participants) =>
        new(participants, offset, limit);

    protected static SendMessage Message(string body, string? clientMessageId = null) => new(body, clientMessageId);

    /// <summary>Every message of the conversation in seq order, read back page by page.</summary>
    protected async Task<List<MessageView>> AllMessagesAsync(Guid conversationId, Guid reader)
    {
        var all = new List<MessageView>();
        while (true)
        {
            var page = await Conversation(conversationId).ListMessagesAsync(reader, Query(offset: all.Count, limit: 100));
            all.AddRange(page.Results);
            if (page.Results.Count == 0 || all.Count >= page.Count)
            {
                return all;
            }
        }
    }

    /// <summary>The user's event log after <paramref name="after"/>, read back batch by batch.</summary>
    protected async Task<List<UserEvent>> EventsAsync(Guid user, long after = 0)
    {
        var events = new List<UserEvent>();
        while (true)
        {
            var batch = await User(user).GetEventsAsync(after, 100);
            Assert.False(batch.Resync);
            events.AddRange(batch.Events);
            if (batch.Events.Count == 0)
            {
                return events;
            }

            after = batch.Events[^1].Cursor;
        }
    }

    /// <summary>Retries an assertion until it holds or the time is up: for effects that are delivered without being awaited.</summary>
    protected static async Task EventuallyAsync(Func<Task> assertion, int timeoutMilliseconds = 10_000)
    {
        var deadline = DateTime.UtcNow.AddMilliseconds(timeoutMilliseconds);
        while (true)
        {
            try
            {
                await assertion();
                return;
            }
            catch (Exception) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
        }
    }
}
