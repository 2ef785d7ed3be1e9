namespace Grains.Interfaces;

/// <summary>
/// What a conversation tells each participant's user grain about a message that was sent, edited or
/// deleted (<see cref="Type"/> is a <c>message.*</c> event type). <see cref="Message"/> is null for a deletion.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageNotice(
    [property: Id(0)] string Type,
    [property: Id(1)] Guid ConversationId,
    [property: Id(2)] Guid MessageId,
    [property: Id(3)] long Seq,
    [property: Id(4)] Guid SenderId,
    [property: Id(5)] DateTimeOffset At,
    [property: Id(6)] MessageView? Message);
