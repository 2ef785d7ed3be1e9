using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// A page of messages. Time bounds are inclusive, seq bounds exclusive; Descending is newest first
/// (ordering=-sent_at, the default).
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record MessageQuery(
    [property: Id(0), JsonPropertyName("sent_after")] DateTimeOffset? SentAfter,
    [property: Id(1), JsonPropertyName("sent_before")] DateTimeOffset? SentBefore,
    [property: Id(2), JsonPropertyName("sender")] Guid? Sender,
    [property: Id(3), JsonPropertyName("after_seq")] long? AfterSeq,
    [property: Id(4), JsonPropertyName("before_seq")] long? BeforeSeq,
    [property: Id(5), JsonPropertyName("descending")] bool Descending,
    [property: Id(6), JsonPropertyName("offset")] int Offset,
    [property: Id(7), JsonPropertyName("limit")] int Limit);
