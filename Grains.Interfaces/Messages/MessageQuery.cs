using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// A page of messages. Time bounds are inclusive, seq bounds exclusive; Descending is newest first
/// (ordering=-sent_at, the default).
/// </summary>
public sealed record MessageQuery(
    [property: JsonPropertyName("sent_after")] DateTimeOffset? SentAfter,
    [property: JsonPropertyName("sent_before")] DateTimeOffset? SentBefore,
    [property: JsonPropertyName("sender")] Guid? Sender,
    [property: JsonPropertyName("after_seq")] long? AfterSeq,
    [property: JsonPropertyName("before_seq")] long? BeforeSeq,
    [property: JsonPropertyName("descending")] bool Descending,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("limit")] int Limit);
