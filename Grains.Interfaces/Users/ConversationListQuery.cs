using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A page of the caller's conversations, most recent activity first; all listed participants must take part.</summary>
public sealed record ConversationListQuery(
    [property: JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit);
