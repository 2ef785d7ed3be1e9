namespace Grains.Interfaces;

/// <summary>
/// One event of a user's stream. <see cref="Cursor"/> increases by one per event of that user, so a
/// gap shows that an event was missed. Exactly one of the data properties is set, as
/// <see cref="Type"/> says (none for <see cref="UserEventTypes.Resync"/>).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record UserEvent(
    [property: Id(0)] long Cursor,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At)
{
    /// <summary>The message of <c>message.created</c> and <c>message.updated</c>.</summary>
    [Id(3)]
    public MessageView? Message { get; init; }

    /// <summary>The conversation, as the user sees it, of <c>conversation.created</c> and <c>conversation.updated</c>.</summary>
    [Id(4)]
    public ConversationView? Conversation { get; init; }

    [Id(5)]
    public MessageDeletedData? MessageDeleted { get; init; }

    [Id(6)]
    public ConversationDeletedData? ConversationDeleted { get; init; }

    [Id(7)]
    public ReadMarker? Read { get; init; }

    /// <summary>The event's data as it goes to clients.</summary>
    public object Data =>
        (object?)Message ?? (object?)Conversation ?? (object?)MessageDeleted ?? (object?)ConversationDeleted ?? (object?)Read ?? EmptyData.Instance;
}
