using System.Text.Json.Serialization;

namespace Grains.Bench.BenchGrains;

/// <summary>The bench grain's persisted state: about 40 bytes of JSON, as <c>{"value":123,"note":"..."}</c>.</summary>
public sealed class BenchState
{
    [JsonPropertyName("value")]
    public int Value { get; set; }

    /// <summary>A short text, so that the stored payload is not trivially small.</summary>
    [JsonPropertyName("note")]
    public string Note { get; set; } = string.Empty;
}
