
using Orleans.Concurrency;

namespace Grains.Interfaces;

/// <summary>
/// A conversation (key: conversation id): title, participants and roles, and its message journal.
/// Every method takes the caller's user id and refuses a non-participant itself
/// (<see cref="NotAllowedException"/>); a conversation that does not exist or was deleted is
/// <see cref="NotFoundException"/>.
/// </summary>
public interface IConversationGrain : IGrainWithGuidKey
{
    /// <summary>
    /// The caller becomes owner, the listed users members (duplicates and the caller ignored). Invalid
    /// (errors["participants"]) without another user, with an unknown one, or past 256 participants;
    /// <see cref="ConflictException"/> when this id was already used (even if deleted).
    /// </summary>
    Task<ConversationView> CreateAsync(Guid callerId, CreateConversation request);

    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ConversationView> GetAsync(Guid callerId);

    /// <summary>Owner or admin.</summary>
    Task<ConversationView> RenameAsync(Guid callerId, string title);

    /// <summary>Owner only; the messages go with it.</summary>
    Task DeleteAsync(Guid callerId);

    /// <summary>Owner or admin; <see cref="ConflictException"/> if already a participant.</summary>
    Task<ParticipantView> AddParticipantAsync(Guid callerId, AddParticipant request);

    /// <summary>
    /// Owner or admin, or the user themself (leave). The user loses access to the conversation and its history.
    /// The owner cannot be removed by others. When the owner leaves, the admin who joined first becomes owner,
    /// else the member who joined first; when the last participant leaves, the conversation is deleted.
    /// </summary>
    Task RemoveParticipantAsync(Guid callerId, Guid userId);

    /// <summary>
    /// Appends a message; a repeated client_message_id returns the first message with Created = false.
    /// Interleaves, so that sends arriving together are committed in one batch (the grain orders its
    /// writes itself, and decides membership when the batch commits).
    /// </summary>
    [AlwaysInterleave]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<SendResult> SendAsync(Guid callerId, SendMessage request);

    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<MessagePage> ListMessagesAsync(Guid callerId, MessageQuery query);

    [ReadOnly]
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<MessageView> GetMessageAsync(Guid callerId, Guid messageId);

    /// <summary>The sender only; sets edited_at.</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<MessageView> EditMessageAsync(Guid callerId, Guid messageId, string messageBody);

    /// <summary>The sender, the owner or an admin.</summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task DeleteMessageAsync(Guid callerId, Guid messageId);

    /// <summary>
    /// Moves the caller's read marker forward to <paramref name="seq"/> (a lower seq leaves it where it is);
    /// invalid (errors["seq"]) unless 1 &lt;= seq &lt;= the last seq.
    /// </summary>
    [ResponseTimeout(CallTimeouts.Messaging)]
    Task<ReadMarker> MarkReadAsync(Guid callerId, long seq);
}
