using Grains.Interfaces;
using Grains.Tests.Clusters;

namespace Grains.Tests.Domain;

public abstract class ConversationRoleTests(MessagingClusterFixture cluster) : DomainTest(cluster)
{
    [Fact]
    public async Task AParticipantsProfileReadRefusedByTheRuntimeIsMadeAgainBeforeTheConversationIsCreated()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        RefusingCallFilter.RefuseProfileReads(User(member), count: 2);

        var view = await Conversation(Guid.NewGuid()).CreateAsync(owner, new CreateConversation([member], null));

        Assert.Equal([owner, member], view.Participants.Select(p => p.UserId));
        Assert.Equal(0, RefusingCallFilter.ProfileReadsStillRefused(User(member)));
    }

    [Fact]
    public async Task TheCreatorIsOwnerAndListedUsersAreMembers()
    {
        var (owner, a, b) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = Guid.NewGuid();

        var view = await Conversation(id).CreateAsync(owner, new CreateConversation([a, b, a, owner], "  Trip  "));

        Assert.Equal(id, view.ConversationId);
        Assert.Equal("Trip", view.Title);
        Assert.Equal(owner, view.CreatedBy);
        Assert.Null(view.LastMessageAt);
        Assert.Equal(
            [(owner, ParticipantRole.Owner), (a, ParticipantRole.Member), (b, ParticipantRole.Member)],
            view.Participants.Select(p => (p.UserId, p.Role)));
        var usernames = await Task.WhenAll(new[] { owner, a, b }.Select(async u => (await User(u).GetAsync()).Username));
        Assert.Equal(usernames, view.Participants.Select(p => p.Username));
        foreach (var user in new[] { owner, a, b })
        {
            Assert.Equal([id], (await User(user).ListConversationsAsync(ListQuery())).ConversationIds);
        }
    }

    [Fact]
    public async Task OwnerAndAdminMayRenameButAMemberMayNot()
    {
        var (owner, admin, member) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(admin, ParticipantRole.Admin));

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).RenameAsync(member, "member's"));
        Assert.Equal("admin's", (await Conversation(id).RenameAsync(admin, " admin's ")).Title);
        Assert.Equal("owner's", (await Conversation(id).RenameAsync(owner, "owner's")).Title);
        Assert.Equal("owner's", (await Conversation(id).GetAsync(member)).Title);
    }

    [Fact]
    public async Task OnlyTheOwnerMayDeleteAndThenTheConversationIsGoneForEveryone()
    {
        var (owner, admin, member) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(admin, ParticipantRole.Admin));
        var message = await Conversation(id).SendAsync(member, Message("bye", "c1"));

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).DeleteAsync(admin));
        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).DeleteAsync(member));
        await Conversation(id).DeleteAsync(owner);

        foreach (var user in new[] { owner, admin, member })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetAsync(user));
            await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).ListMessagesAsync(user, Query()));
            await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetMessageAsync(user, message.Message.MessageId));
            await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).SendAsync(user, Message("hello?")));
            Assert.Empty((await User(user).ListConversationsAsync(ListQuery())).ConversationIds);
        }

        await Assert.ThrowsAsync<ConflictException>(() => Conversation(id).CreateAsync(owner, new CreateConversation([member], null)));
    }

    [Fact]
    public async Task OwnerAndAdminMayAddParticipantsButAMemberMayNot()
    {
        var (owner, member, newcomer, adminToBe, late) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).AddParticipantAsync(member, new AddParticipant(newcomer, ParticipantRole.Member)));
        var admin = await Conversation(id).AddParticipantAsync(owner, new AddParticipant(adminToBe, ParticipantRole.Admin));
        var added = await Conversation(id).AddParticipantAsync(adminToBe, new AddParticipant(late, ParticipantRole.Member));

        Assert.Equal(ParticipantRole.Admin, admin.Role);
        Assert.Equal((late, ParticipantRole.Member), (added.UserId, added.Role));
        Assert.Equal((await User(late).GetAsync()).Username, added.Username);
        Assert.Equal([owner, member, adminToBe, late], (await Conversation(id).GetAsync(late)).Participants.Select(p => p.UserId));
        Assert.Equal([id], (await User(late).ListConversationsAsync(ListQuery())).ConversationIds);
        Assert.Equal([id], (await User(owner).ListConversationsAsync(ListQuery(0, 100, late))).ConversationIds);
    }

    [Fact]
    public async Task OwnershipCannotBeGrantedAndNoOneIsAddedTwice()
    {
        var (owner, member, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);

        var grant = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).AddParticipantAsync(owner, new AddParticipant(other, ParticipantRole.Owner)));
        Assert.Contains("role", grant.Errors!.Keys);
        await Assert.ThrowsAsync<ConflictException>(() => Conversation(id).AddParticipantAsync(owner, new AddParticipant(member, ParticipantRole.Admin)));
        await Assert.ThrowsAsync<ConflictException>(() => Conversation(id).AddParticipantAsync(owner, new AddParticipant(owner, ParticipantRole.Member)));
        var unknown = await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).AddParticipantAsync(owner, new AddParticipant(Guid.NewGuid(), ParticipantRole.Member)));
        Assert.Contains("user_id", unknown.Errors!.Keys);
        Assert.Equal(2, (await Conversation(id).GetAsync(owner)).Participants.Count);
    }

    [Fact]
    public async Task OwnerAndAdminMayRemoveOthersButNobodyRemovesTheOwner()
    {
        var (owner, admin, member, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member, other);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(admin, ParticipantRole.Admin));

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).RemoveParticipantAsync(member, other));
        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).RemoveParticipantAsync(admin, owner));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).RemoveParticipantAsync(admin, Guid.NewGuid()));
        await Conversation(id).RemoveParticipantAsync(admin, member);
        await Conversation(id).RemoveParticipantAsync(owner, admin);

        Assert.Equal([owner, other], (await Conversation(id).GetAsync(owner)).Participants.Select(p => p.UserId));
        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).GetAsync(member));
        Assert.Empty((await User(member).ListConversationsAsync(ListQuery())).ConversationIds);
    }

    [Fact]
    public async Task WhenTheOwnerLeavesTheEarliestAdminBecomesOwner()
    {
        var (owner, member, firstAdmin, secondAdmin) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(firstAdmin, ParticipantRole.Admin));
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(secondAdmin, ParticipantRole.Admin));

        await Conversation(id).RemoveParticipantAsync(owner, owner);

        Assert.Equal(
            [(member, ParticipantRole.Member), (firstAdmin, ParticipantRole.Owner), (secondAdmin, ParticipantRole.Admin)],
            (await Conversation(id).GetAsync(member)).Participants.Select(p => (p.UserId, p.Role)));
        await Conversation(id).DeleteAsync(firstAdmin);
    }

    [Fact]
    public async Task WhenTheOwnerLeavesWithoutAdminsTheEarliestMemberBecomesOwner()
    {
        var (owner, first, second) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, first, second);

        await Conversation(id).RemoveParticipantAsync(owner, owner);

        Assert.Equal(
            [(first, ParticipantRole.Owner), (second, ParticipantRole.Member)],
            (await Conversation(id).GetAsync(second)).Participants.Select(p => (p.UserId, p.Role)));
    }

    [Fact]
    public async Task AConversationLeftByEveryoneIsDeleted()
    {
        var (owner, member) = (await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        await Conversation(id).SendAsync(owner, Message("anyone?"));

        await Conversation(id).RemoveParticipantAsync(member, member);
        await Conversation(id).RemoveParticipantAsync(owner, owner);

        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetAsync(owner));
        await Assert.ThrowsAsync<ConflictException>(() => Conversation(id).CreateAsync(owner, new CreateConversation([member], null)));
    }

    [Fact]
    public async Task OnlyTheSenderMayEditAMessage()
    {
        var (owner, admin, member) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(admin, ParticipantRole.Admin));
        var sent = (await Conversation(id).SendAsync(member, Message("typo"))).Message;

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).EditMessageAsync(owner, sent.MessageId, "owner's"));
        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).EditMessageAsync(admin, sent.MessageId, "admin's"));
        var edited = await Conversation(id).EditMessageAsync(member, sent.MessageId, " fixed ");

        Assert.Equal(" fixed ", edited.MessageBody);
        Assert.NotNull(edited.EditedAt);
        Assert.True(edited.EditedAt >= sent.SentAt);
        Assert.Equal((sent.Seq, sent.SentAt), (edited.Seq, edited.SentAt));
        Assert.Equal(edited, await Conversation(id).GetMessageAsync(owner, sent.MessageId));
        await Assert.ThrowsAsync<InvalidRequestException>(() => Conversation(id).EditMessageAsync(member, sent.MessageId, "   "));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).EditMessageAsync(member, Guid.NewGuid(), "x"));
    }

    [Fact]
    public async Task SenderOwnerAndAdminMayDeleteAMessageButAnotherMemberMayNot()
    {
        var (owner, admin, member, other) = (await NewUserAsync(), await NewUserAsync(), await NewUserAsync(), await NewUserAsync());
        var id = await NewConversationAsync(owner, member, other);
        await Conversation(id).AddParticipantAsync(owner, new AddParticipant(admin, ParticipantRole.Admin));
        var messages = new List<MessageView>();
        for (var i = 0; i < 4; i++)
        {
            messages.Add((await Conversation(id).SendAsync(member, Message($"m{i}"))).Message);
        }

        await Assert.ThrowsAsync<NotAllowedException>(() => Conversation(id).DeleteMessageAsync(other, messages[0].MessageId));
        await Conversation(id).DeleteMessageAsync(member, messages[0].MessageId);
        await Conversation(id).DeleteMessageAsync(owner, messages[1].MessageId);
        await Conversation(id).DeleteMessageAsync(admin, messages[2].MessageId);

        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetMessageAsync(member, messages[0].MessageId));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).DeleteMessageAsync(member, messages[0].MessageId));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).EditMessageAsync(member, messages[1].MessageId, "back"));
        var page = await Conversation(id).ListMessagesAsync(other, Query());
        Assert.Equal(1, page.Count);
        Assert.Equal([messages[3].MessageId], page.Results.Select(m => m.MessageId));
    }

    [Fact]
    public async Task UnknownAndNeverCreatedConversationsAreNotFound()
    {
        var user = await NewUserAsync();
        var id = Guid.NewGuid();

        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).GetAsync(user));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).SendAsync(user, Message("hi")));
        await Assert.ThrowsAsync<NotFoundException>(() => Conversation(id).RemoveParticipantAsync(user, user));
    }
}
