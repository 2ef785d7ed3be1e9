using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains.Events;

/// <summary>
/// An event as a user's event log stores it (the journal entry's payload; cursor and time are the entry's
/// seq and timestamp). Property names are stored: never rename them.
/// </summary>
public sealed record UserEventRecord
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    public MessageView? Message { get; init; }

    [JsonPropertyName("conversation")]
    public ConversationView? Conversation { get; init; }

    [JsonPropertyName("message_deleted")]
    public MessageDeletedData? MessageDeleted { get; init; }

    [JsonPropertyName("conversation_deleted")]
    public ConversationDeletedData? ConversationDeleted { get; init; }

    [JsonPropertyName("read")]
    public ReadMarker? Read { get; init; }

    /// <summary>Who sent the message of a <c>message.*</c> event: a deletion changes the unread count only for others' messages.</summary>
    [JsonPropertyName("sender_id")]
    public Guid? SenderId { get; init; }

    /// <summary>For <c>conversation.created</c>: the conversation's newest seq when the user joined.</summary>
    [JsonPropertyName("last_seq")]
    public long? LastSeq { get; init; }

    public UserEvent ToEvent(long cursor, DateTimeOffset at) =>
        new(cursor, Type, at)
        {
            Message = Message,
            Conversation = Conversation,
            MessageDeleted = MessageDeleted,
            ConversationDeleted = ConversationDeleted,
            Read = Read,
        };
}
