using Grains.Interfaces;

namespace Grains.Tests.Serialization;

/// <summary>
/// A value of every type that crosses a grain call, by name: lists built as callers build them (collection
/// expressions, <see cref="List{T}"/>, arrays), optional fields both set and null, every enum member.
/// </summary>
public static class CrossingValues
{
    private static readonly Guid Alice = Guid.Parse("0b6e9a53-2a4f-4d57-9d37-6f1f0e7c2a11");
    private static readonly Guid Bob = Guid.Parse("5f0c2b8e-1d3a-4c6b-8e9f-0a1b2c3d4e5f");
    private static readonly Guid Conversation = Guid.Parse("9a8b7c6d-5e4f-4a3b-9c2d-1e0f9a8b7c6d");
    private static readonly DateTimeOffset At = new(2026, 11, 22, 7, 50, 0, 123, TimeSpan.Zero);
    private static readonly DateTimeOffset InParis = new(2026, 11, 22, 8, 50, 0, 456, TimeSpan.FromHours(1));

    private static readonly MessageView Message = new(Guid.CreateVersion7(At), Conversation, 42, new SenderView(Alice, "alice"), "héllo 😀", "client-1", At, InParis);

    private static readonly ReadMarker Marker = new(Conversation, 40, 2);

    private static readonly ServiceClientView Client = new(Conversation, "Reporter", [ServiceScopes.ConversationsRead], Bob, "bot-Reporter", Alice, At, InParis, null);

    private static readonly UserView User = new(Alice, "alice", "alice@example.com", "Alice", "Liddell", UserRole.Admin, At);

    private static readonly AdminUserView AdminUser = new(Alice, "alice", "alice@example.com", "Alice", "Liddell", UserRole.Admin, At, true, InParis);

    private static readonly ConversationView Trip =
        new(Conversation, "Trip", Alice, At, InParis, [Participant(Alice, ParticipantRole.Owner), Participant(Bob, ParticipantRole.Member)]);

    public static IReadOnlyDictionary<string, object?> All { get; } = new Dictionary<string, object?>
    {
        ["AddParticipant"] = new AddParticipant(Bob, ParticipantRole.Admin),
        ["ConversationView"] = Trip,
        ["ConversationView with a read marker"] = Trip.WithReadMarker(Marker),
        ["ConversationView without messages"] = new ConversationView(Conversation, "", Alice, At, null, new List<ParticipantView> { Participant(Alice, ParticipantRole.Owner) }),
        ["CreateConversation"] = new CreateConversation([Bob, Alice, Bob], "Trip"),
        ["CreateConversation untitled"] = new CreateConversation(new List<Guid> { Bob }, null),
        ["CreateConversation empty"] = new CreateConversation([], null),
        ["ParticipantView"] = Participant(Bob, ParticipantRole.Admin),
        ["MessagePage"] = new MessagePage(3, [Message, Message with { Seq = 43, ClientMessageId = null, EditedAt = null }]),
        ["MessagePage empty"] = new MessagePage(0, []),
        ["MessageQuery"] = new MessageQuery(At, InParis, Bob, 10, 20, true, 5, 100),
        ["MessageQuery unfiltered"] = new MessageQuery(null, null, null, null, null, false, 0, 20),
        ["MessageView"] = Message,
        ["MessageView unedited"] = Message with { ClientMessageId = null, EditedAt = null },
        ["SendMessage"] = new SendMessage("hello", "client-1"),
        ["SendMessage without client id"] = new SendMessage("hello", null),
        ["SendResult"] = new SendResult(Message, Created: false),
        ["SenderView"] = new SenderView(Bob, "bob"),
        ["ConversationIdPage"] = new ConversationIdPage(2, [Conversation, Guid.Empty], [Marker, new ReadMarker(Guid.Empty, 0, 0)]),
        ["ConversationIdPage from a list"] = new ConversationIdPage(7, new[] { Conversation }.Select(id => id).ToList(), new List<ReadMarker> { Marker }),
        ["ConversationListQuery"] = new ConversationListQuery([Alice, Bob], 10, 50),
        ["ConversationListQuery unread"] = new ConversationListQuery([], 0, 20) { UnreadOnly = true },
        ["ReadMarker"] = Marker,
        ["ThrottlePolicy"] = new ThrottlePolicy(5, TimeSpan.FromMinutes(15), TimeSpan.FromMinutes(15)),
        ["ThrottlePolicy until the window ends"] = new ThrottlePolicy(100, TimeSpan.FromSeconds(1), TimeSpan.Zero),
        ["ThrottleDecision"] = new ThrottleDecision(false, TimeSpan.FromSeconds(42.5)),
        ["ThrottleDecision open"] = ThrottleDecision.Open,
        ["CreateServiceClient"] = new CreateServiceClient("Reporter", [ServiceScopes.MessagesRead, ServiceScopes.MessagesWrite], Alice),
        ["ServiceClientView"] = Client,
        ["ServiceClientView revoked"] = Client with { RevokedAt = InParis },
        ["ServiceClientSecret"] = new ServiceClientSecret(Client, "secret"),
        ["ServiceClientPage"] = new ServiceClientPage(1, [Client]),
        ["ServiceClientPage empty"] = new ServiceClientPage(0, new List<ServiceClientView>()),
        ["MessageNotice"] = new MessageNotice(UserEventTypes.MessageCreated, Conversation, Message.MessageId, 42, Alice, InParis, Message),
        ["MessageNotice retried"] = new MessageNotice(UserEventTypes.MessageCreated, Conversation, Message.MessageId, 42, Alice, InParis, Message) { Retried = true },
        ["MessageNotice of a deletion"] = new MessageNotice(UserEventTypes.MessageDeleted, Conversation, Message.MessageId, 42, Alice, At, null),
        ["UserEvent of a message"] = new UserEvent(7, UserEventTypes.MessageCreated, At) { Message = Message },
        ["UserEvent of a conversation"] = new UserEvent(8, UserEventTypes.ConversationUpdated, InParis) { Conversation = Trip },
        ["UserEvent of a deleted message"] = new UserEvent(9, UserEventTypes.MessageDeleted, At) { MessageDeleted = new MessageDeletedData(Conversation, Message.MessageId, 42) },
        ["UserEvent of a left conversation"] = new UserEvent(10, UserEventTypes.ConversationDeleted, At) { ConversationDeleted = new ConversationDeletedData(Conversation) },
        ["UserEvent of a read marker"] = new UserEvent(11, UserEventTypes.ReadUpdated, At) { Read = Marker },
        ["UserEvent resync"] = new UserEvent(12, UserEventTypes.Resync, At),
        ["EventBatch"] = new EventBatch([new UserEvent(1, UserEventTypes.MessageCreated, At) { Message = Message }], Resync: false, 3),
        ["EventBatch resync"] = new EventBatch([], Resync: true, 1200),
        ["MessageDeletedData"] = new MessageDeletedData(Conversation, Message.MessageId, 42),
        ["ConversationDeletedData"] = new ConversationDeletedData(Conversation),
        ["EmptyData"] = EmptyData.Instance,
        ["LoginResult"] = new LoginResult(LoginStatus.Succeeded, User, null),
        ["LoginResult locked out"] = new LoginResult(LoginStatus.LockedOut, null, 300),
        ["LoginResult invalid"] = new LoginResult(LoginStatus.Invalid, null, null),
        ["RefreshToken"] = new RefreshToken(Guid.NewGuid(), Guid.NewGuid(), InParis),
        ["ExternalProfile"] = new ExternalProfile("https://idp.example.com/realms/main", "248289761001", "alice", "alice@example.com", true, "Alice", "Liddell"),
        ["ExternalProfile with subject only"] = new ExternalProfile("https://idp.example.com", "auth0|5f7c", null, null, false, null, null),
        ["RegisterUser"] = new RegisterUser("alice", "alice@example.com", "correct horse battery", "Alice", "Liddell", UserRole.User),
        ["UpdateProfile"] = new UpdateProfile("Alice", "Liddell", "alice@example.org"),
        ["UpdateProfile of nothing"] = new UpdateProfile(null, null, null),
        ["UserConversation"] = new UserConversation(Conversation, true, [Alice, Bob], At, InParis),
        ["UserConversation left"] = new UserConversation(Conversation, false, [], At, null),
        ["UserConversation joined"] = new UserConversation(Conversation, true, [Alice, Bob], At, InParis) { View = Trip, UnreadCountOnJoin = 17, LastSeq = 40 },
        ["UserView"] = User,
        ["UserView as others see it"] = User with { Email = null, Role = UserRole.User },
        ["ParticipantRole.Member"] = ParticipantRole.Member,
        ["ParticipantRole.Admin"] = ParticipantRole.Admin,
        ["ParticipantRole.Owner"] = ParticipantRole.Owner,
        ["UserRole.User"] = UserRole.User,
        ["UserRole.Admin"] = UserRole.Admin,
        ["LoginStatus.Succeeded"] = LoginStatus.Succeeded,
        ["LoginStatus.Invalid"] = LoginStatus.Invalid,
        ["LoginStatus.LockedOut"] = LoginStatus.LockedOut,
        ["RefreshOutcome.Ok"] = RefreshOutcome.Ok,
        ["RefreshOutcome.Reused"] = RefreshOutcome.Reused,
        ["RefreshOutcome.Invalid"] = RefreshOutcome.Invalid,
        ["AuditEvent"] = new AuditEvent(Guid.CreateVersion7(At), AuditEventTypes.AccessDenied, At, Alice, Alice, "2001:db8::1", "curl/8.5", Conversation, "GET /api/conversations/"),
        ["AuditEvent sparse"] = new AuditEvent(Guid.CreateVersion7(At), AuditEventTypes.LoginFailed, InParis, null, null, null, null, null, null),
        ["AuditQuery"] = new AuditQuery(Alice, AuditEventTypes.LoginFailed, At, InParis, 20, 20),
        ["AuditQuery unfiltered"] = new AuditQuery(null, null, null, null, 0, 100),
        ["AuditPage"] = new AuditPage(2, [new AuditEvent(Guid.Empty, AuditEventTypes.UserRegistered, At, Bob, null, null, null, null, "role=user")]),
        ["AuditPage empty"] = new AuditPage(0, []),
        ["AdminUserView"] = AdminUser,
        ["AdminUserView never logged in"] = AdminUser with { IsActive = false, LastLoginAt = null },
        ["AdminUserUpdate"] = new AdminUserUpdate(Alice, UserRole.Admin, false),
        ["AdminUserUpdate of nothing"] = new AdminUserUpdate(Alice, null, null),
        ["UserAccess"] = new UserAccess(true, false, UserRole.Admin),
        ["UserDirectoryQuery"] = new UserDirectoryQuery("ali", UserRole.User, true, 0, 20),
        ["UserDirectoryQuery unfiltered"] = new UserDirectoryQuery(null, null, null, 40, 20),
        ["UserDirectoryPage"] = new UserDirectoryPage(1, new List<AdminUserView> { AdminUser }),
        ["user id"] = (Guid?)Alice,
        ["no user id"] = null,
    };

    private static ParticipantView Participant(Guid user, ParticipantRole role) => new(user, user == Alice ? "alice" : "bob", role, At);
}
