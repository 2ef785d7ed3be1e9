using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A page of the caller's conversations, most recent activity first; all listed participants must take part.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ConversationListQuery(
    [property: Id(0), JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: Id(1), JsonPropertyName("offset")] int Offset,
    [property: Id(2), JsonPropertyName("limit")] int Limit);
