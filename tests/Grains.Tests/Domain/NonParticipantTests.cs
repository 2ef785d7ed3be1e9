using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class NonParticipantTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task EveryMethodRefusesAnOutsiderAndChangesNothing()
    {
        var (owner, member, outsider, bystander) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);
        var sent = await Conversation(conversationId).SendAsync(member, Message("hello", "c1"));

        await AssertEveryMethodRefusedAsync(conversationId, outsider, owner, member, bystander, sent.Message.MessageId, sent.Message.MessageId);
    }

    [Fact]
    public async Task EveryMethodRefusesAParticipantWhoLeftAndChangesNothing()
    {
        var (owner, member, leaver, bystander) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member, leaver);
        var own = await Conversation(conversationId).SendAsync(leaver, Message("mine", "c1"));
        var other = await Conversation(conversationId).SendAsync(member, Message("theirs", "c1"));
        await Conversation(conversationId).RemoveParticipantAsync(leaver, leaver);

        await AssertEveryMethodRefusedAsync(conversationId, leaver, owner, member, bystander, own.Message.MessageId, other.Message.MessageId);
    }

    [Fact]
    public async Task EveryMethodRefusesAParticipantWhoWasRemoved()
    {
        var (owner, member, removed, bystander) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member, removed);
        var own = await Conversation(conversationId).SendAsync(removed, Message("mine"));
        await Conversation(conversationId).RemoveParticipantAsync(owner, removed);

        await AssertEveryMethodRefusedAsync(conversationId, removed, owner, member, bystander, own.Message.MessageId, own.Message.MessageId);
    }

    [Fact]
    public async Task AnOutsiderIsRefusedEvenForAMessageThatDoesNotExist()
    {
        var (owner, member, outsider) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member);

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(conversationId).GetMessageAsync(outsider, Guid.NewGuid()));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(conversationId).GetMessageAsync(member, Guid.NewGuid()));
    }

    [Fact]
    public async Task ALeaverDisappearsFromTheParticipantsAndLosesTheConversationFromTheirList()
    {
        var (owner, member, leaver) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var conversationId = await NewConversationAsync(owner, member, leaver);
        Assert.Equal([conversationId], (await User(leaver).ListConversationsAsync(ListQuery())).ConversationIds);

        await Conversation(conversationId).RemoveParticipantAsync(leaver, leaver);

        var view = await Conversation(conversationId).GetAsync(owner);
        Assert.Equal([owner, member], view.Participants.Select(p => p.UserId));
        Assert.Empty((await User(leaver).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    private async Task AssertEveryMethodRefusedAsync(
        Guid conversationId, Guid caller, Guid owner, Guid member, Guid bystander, Guid callersMessage, Guid othersMessage)
    {
        var before = await SnapshotAsync(conversationId, owner);
        var callerListBefore = await User(caller).ListConversationsAsync(ListQuery());
        var grain = Conversation(conversationId);
        var calls = new Dictionary<string, Func<Task>>
        {
            ["CreateAsync"] = () => grain.CreateAsync(caller, new CreateConversation([member], "again")),
            ["GetAsync"] = () => grain.GetAsync(caller),
            ["RenameAsync"] = () => grain.RenameAsync(caller, "taken over"),
            ["DeleteAsync"] = () => grain.DeleteAsync(caller),
            ["AddParticipantAsync(bystander)"] = () => grain.AddParticipantAsync(caller, new AddParticipant(bystander, ParticipantRole.Admin)),
            ["AddParticipantAsync(self)"] = () => grain.AddParticipantAsync(caller, new AddParticipant(caller, ParticipantRole.Member)),
            ["RemoveParticipantAsync(member)"] = () => grain.RemoveParticipantAsync(caller, member),
            ["RemoveParticipantAsync(self)"] = () => grain.RemoveParticipantAsync(caller, caller),
            ["SendAsync"] = () => grain.SendAsync(caller, Message("let me in", "c1")),
            ["ListMessagesAsync"] = () => grain.ListMessagesAsync(caller, Query()),
            ["GetMessageAsync(own)"] = () => grain.GetMessageAsync(caller, callersMessage),
            ["GetMessageAsync(other)"] = () => grain.GetMessageAsync(caller, othersMessage),
            ["GetMessageAsync(unknown)"] = () => grain.GetMessageAsync(caller, Guid.NewGuid()),
            ["EditMessageAsync(own)"] = () => grain.EditMessageAsync(caller, callersMessage, "edited"),
            ["EditMessageAsync(other)"] = () => grain.EditMessageAsync(caller, othersMessage, "edited"),
            ["DeleteMessageAsync(own)"] = () => grain.DeleteMessageAsync(caller, callersMessage),
            ["DeleteMessageAsync(other)"] = () => grain.DeleteMessageAsync(caller, othersMessage),
        };

        var outcomes = new Dictionary<string, string>();
        foreach (var (name, call) in calls)
        {
            var exception = await Record.ExceptionAsync(call);
            outcomes[name] = exception?.GetType().Name ?? "succeeded";
        }

        Assert.Equal(calls.Keys.ToDictionary(name => name, _ => nameof(NotAllowedException)), outcomes);
        Assert.Equal(before, await SnapshotAsync(conversationId, owner));
        Assert.Equal(callerListBefore.ConversationIds, (await User(caller).ListConversationsAsync(ListQuery())).ConversationIds);
        Assert.Empty((await User(bystander).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    /// <summary>Everything a participant can see of the conversation, as comparable text.</summary>
    private async Task<string> SnapshotAsync(Guid conversationId, Guid reader)
    {
        var view = await Conversation(conversationId).GetAsync(reader);
        var messages = await AllMessagesAsync(conversationId, reader);
        return string.Join(
            "\n",
            new[] { $"{view.Title}|{view.CreatedBy}|{view.LastMessageAt:O}" }
                .Concat(view.Participants.Select(p => $"{p.UserId}|{p.Username}|{p.Role}|{p.JoinedAt:O}"))
                .Concat(messages.Select(m => $"{m.Seq}|{m.MessageId}|{m.Sender.UserId}|{m.MessageBody}|{m.ClientMessageId}|{m.EditedAt:O}")));
    }
}
