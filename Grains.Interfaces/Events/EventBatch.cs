namespace Grains.Interfaces;

/// <summary>
/// Events of a user after a cursor, oldest first. <see cref="Resync"/> when events after that cursor are
/// no longer kept (or the cursor was never issued): the client must re-read its lists and go on from
/// <see cref="LastCursor"/>.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record EventBatch(
    [property: Id(0)] IReadOnlyList<UserEvent> Events,
    [property: Id(1)] bool Resync,
    [property: Id(2)] long LastCursor);
