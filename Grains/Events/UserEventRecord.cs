using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains.Events;

/// <summary>
/// An event as a user's event log stores it (the journal entry's payload; cursor and time are the entry's
/// seq and timestamp). Property names are stored: never rename them. An event sets one or two of them, and
/// the rest are left out of the row rather than stored as nulls (rows written with the nulls read the same).
/// </summary>
public sealed record UserEventRecord
{
    [JsonPropertyName("type")]
    public required string Type { get; init; }

    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessageView? Message { get; init; }

    [JsonPropertyName("conversation")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversationView? Conversation { get; init; }

    [JsonPropertyName("message_deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public MessageDeletedData? MessageDeleted { get; init; }

    [JsonPropertyName("conversation_deleted")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ConversationDeletedData? ConversationDeleted { get; init; }

    [JsonPropertyName("read")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReadMarker? Read { get; init; }

    /// <summary>Who sent the message of a <c>message.*</c> event: a deletion changes the unread count only for others' messages.</summary>
    [JsonPropertyName("sender_id")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public Guid? SenderId { get; init; }

    /// <summary>For <c>conversation.created</c>: the conversation's newest seq when the user joined.</summary>
    [JsonPropertyName("last_seq")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
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
