using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record ConversationIdPage(
    [property: JsonPropertyName("count")] int Count,
    [property: JsonPropertyName("conversation_ids")] IReadOnlyList<Guid> ConversationIds);
