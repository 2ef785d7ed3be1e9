using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace LoadGen;

/// <summary>
/// The result of an event scenario. <c>streams</c>: how many streams opened and stayed open, the gateway's
/// resident memory before and with them, and so its memory per stream. <c>fanout</c>: the sends (latency
/// from due time) and the deliveries to every stream (latency from each send's acknowledgement; an event
/// that arrived before its acknowledgement counts as 0 and as <see cref="ArrivedBeforeAck"/>).
/// </summary>
internal sealed record EventReport(
    [property: JsonPropertyName("scenario")] string Scenario,
    [property: JsonPropertyName("streams")] int Streams,
    [property: JsonPropertyName("errors")] long Errors,
    [property: JsonPropertyName("send_latency_ms")] Percentiles? SendLatency,
    [property: JsonPropertyName("delivery_latency_ms")] Percentiles? DeliveryLatency,
    [property: JsonPropertyName("server_rss_before_mb")] double? RssBeforeMb,
    [property: JsonPropertyName("server_rss_mb")] double? RssMb,
    [property: JsonPropertyName("server_kib_per_stream")] double? KibPerStream,
    [property: JsonPropertyName("server_cores")] double? ServerCores,
    [property: JsonPropertyName("target_rate")] double? TargetRate,
    [property: JsonPropertyName("messages")] long Messages,
    [property: JsonPropertyName("missing_deliveries")] long MissingDeliveries,
    [property: JsonPropertyName("arrived_before_ack")] long ArrivedBeforeAck)
{
    [JsonPropertyName("statuses")]
    public Dictionary<string, long> Statuses { get; init; } = [];

    public string ToLine() => Scenario == "streams"
        ? FormattableString.Invariant(
            $"streams open={Streams} failed={Errors} server_rss_before_mb={RssBeforeMb:F0} server_rss_mb={RssMb:F0} kib_per_stream={KibPerStream:F1} server_cores_idle={ServerCores:F2}")
        : string.Create(
            CultureInfo.InvariantCulture,
            $"fanout streams={Streams} rate={TargetRate:F0} messages={Messages} send_p50_ms={SendLatency?.P50:F2} send_p99_ms={SendLatency?.P99:F2} " +
            $"deliveries={DeliveryLatency?.Count} missing={MissingDeliveries} delivery_p50_ms={DeliveryLatency?.P50:F2} delivery_p95_ms={DeliveryLatency?.P95:F2} " +
            $"delivery_p99_ms={DeliveryLatency?.P99:F2} delivery_max_ms={DeliveryLatency?.Max:F2} before_ack={ArrivedBeforeAck} errors={Errors} " +
            $"server_cores={ServerCores:F2} server_peak_rss_mb={RssMb:F0} statuses=") +
            string.Join(',', Statuses.OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Key}={s.Value}")));

    public string ToJson() => JsonSerializer.Serialize(this, EventReportJsonContext.Default.EventReport);
}

[JsonSourceGenerationOptions(WriteIndented = true, NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(EventReport))]
internal sealed partial class EventReportJsonContext : JsonSerializerContext;
