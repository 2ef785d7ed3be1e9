
using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>A user (key: user id): profile, password, refresh-token families, lockout, and the conversations they belong to.</summary>
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the user: validates the fields, reserves username and email (409 when taken), hashes the password.</summary>
    Task<UserView> RegisterAsync(RegisterUser registration);

    /// <summary>
    /// Creates the user of an external identity (called by <see cref="IExternalIdentityGrain"/>): a username derived
    /// from the profile and reserved, no password. When the user exists already it is answered as it is.
    /// </summary>
    Task<UserView> RegisterExternalAsync(ExternalProfile profile);

    /// <summary>The full profile (with email); <see cref="NotFoundException"/> when no such user.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<UserView> GetAsync();

    Task<UserView> UpdateProfileAsync(UpdateProfile update);

    /// <summary>Checks a password, counting failures and locking the account out after too many.</summary>
    Task<LoginResult> CheckPasswordAsync(string password);

    /// <summary>Starts a refresh-token family (one per login).</summary>
    Task StartRefreshFamilyAsync(RefreshToken token);

    /// <summary>
    /// Replaces the family's current token by <paramref name="next"/> when <paramref name="presented"/> is it;
    /// presenting an already-rotated token revokes the family.
    /// </summary>
    Task<RefreshOutcome> RotateRefreshAsync(RefreshToken presented, RefreshToken next);

    /// <summary>Revokes the presented token's family (logout).</summary>
    Task<RefreshOutcome> RevokeRefreshFamilyAsync(RefreshToken presented);

    /// <summary>Called by a conversation grain when the user joins, leaves or the conversation changes membership.</summary>
    Task ConversationChangedAsync(UserConversation conversation);

    /// <summary>
    /// Called by a conversation grain for the messages sent, edited or deleted in one of its batches, in seq
    /// order, before it answers their requests: the events are in the user's stream once this returns.
    /// Interleaves, so that notices from many conversations arriving together are written in one append
    /// (the grain orders its writes itself).
    /// </summary>
    [AlwaysInterleave]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task MessagesChangedAsync(IReadOnlyList<MessageNotice> notices);

    /// <summary>
    /// Called by a conversation grain (which checked membership and the seq): moves the read marker forward,
    /// with the unread count the conversation counted above <paramref name="seq"/>.
    /// </summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ReadMarker> MarkReadAsync(Guid conversationId, long seq, long unreadCount);

    /// <summary>The user's read marker in a conversation they take part in; null otherwise.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ReadMarker?> GetReadMarkerAsync(Guid conversationId);

    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ConversationIdPage> ListConversationsAsync(ConversationListQuery query);

    /// <summary>
    /// Subscribes (or renews) a gateway's observer to the user's events; returns the newest cursor. A
    /// subscription not renewed within <c>Events:SubscriptionLifetime</c> lapses.
    /// </summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<long> SubscribeAsync(IUserEventObserver observer);

    Task UnsubscribeAsync(IUserEventObserver observer);

    /// <summary>The user's events after <paramref name="afterCursor"/>, oldest first, at most <paramref name="limit"/>.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<EventBatch> GetEventsAsync(long afterCursor, int limit);

    /// <summary>A one-time secret for opening the event stream without a header; valid for 30 seconds.</summary>
    Task<string> IssueEventTicketAsync();

    /// <summary>True once for a secret that <see cref="IssueEventTicketAsync"/> issued and that has not expired.</summary>
    Task<bool> RedeemEventTicketAsync(string secret);

    /// <summary>The profile as admins see it (with <c>is_active</c> and <c>last_login_at</c>); <see cref="NotFoundException"/> when no such user.</summary>
    [ReadOnly]
    Task<AdminUserView> GetAdminViewAsync();

    /// <summary>
    /// An admin changes the role or activation. Deactivating revokes every refresh-token family; an admin may not
    /// deactivate or demote themself (<see cref="InvalidRequestException"/>).
    /// </summary>
    Task<AdminUserView> AdministerAsync(AdminUserUpdate update);

    /// <summary>Whether the user exists and is active, and their current role: answered from memory.</summary>
    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<UserAccess> GetAccessAsync();
}
