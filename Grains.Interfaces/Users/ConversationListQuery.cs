using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// A page of the caller's conversations, most recent activity first; all listed participants must take
/// part, and with <see cref="UnreadOnly"/> only those with unread messages are listed.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ConversationListQuery(
    [property: Id(0), JsonPropertyName("participant_ids")] IReadOnlyList<Guid> ParticipantIds,
    [property: Id(1), JsonPropertyName("offset")] int Offset,
    [property: Id(2), JsonPropertyName("limit")] int Limit)
{
    [Id(3)]
    [JsonPropertyName("unread_only")]
    public bool UnreadOnly { get; init; }
}
