using System.Text.Json.Serialization;

namespace Actors.Bench.Grains;

public sealed class BenchState
{
    [JsonPropertyName("value")]
    public int Value { get; set; }

    /// <summary>A short text, so that the stored payload is not trivially small.</summary>
    [JsonPropertyName("note")]
    public string Note { get; set; } = string.Empty;
}
