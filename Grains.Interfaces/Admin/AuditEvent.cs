using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// One entry of the audit trail. Absent facts are null. Never holds a password, a token or a message body:
/// <see cref="Detail"/> is a short, fixed-vocabulary note (a route, a role, a reason).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record AuditEvent(
    [property: Id(0), JsonPropertyName("event_id")] Guid EventId,
    [property: Id(1), JsonPropertyName("event")] string Event,
    [property: Id(2), JsonPropertyName("at")] DateTimeOffset At,
    [property: Id(3), JsonPropertyName("user_id")] Guid? UserId,
    [property: Id(4), JsonPropertyName("actor_id")] Guid? ActorId,
    [property: Id(5), JsonPropertyName("ip")] string? Ip,
    [property: Id(6), JsonPropertyName("user_agent")] string? UserAgent,
    [property: Id(7), JsonPropertyName("conversation_id")] Guid? ConversationId,
    [property: Id(8), JsonPropertyName("detail")] string? Detail);
