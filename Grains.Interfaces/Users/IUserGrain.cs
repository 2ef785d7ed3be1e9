
using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>A user (key: user id): profile, password, refresh-token families, lockout, and the conversations they belong to.</summary>
public interface IUserGrain : IGrainWithGuidKey
{
    /// <summary>Creates the user: validates the fields, reserves username and email (409 when taken), hashes the password.</summary>
    Task<UserView> RegisterAsync(RegisterUser registration);

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

    /// <summary>Called by a conversation grain on each new message; one-way: the sender does not wait for it.</summary>
    [OneWay]
    Task ConversationActivityAsync(Guid conversationId, DateTimeOffset lastMessageAt);

    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ConversationIdPage> ListConversationsAsync(ConversationListQuery query);
}
