using System.Text.Json.Serialization;

namespace Grains.Tests.Runtime;

public sealed class ProbeState
{
    [JsonPropertyName("value")]
    public int Value { get; set; }

    [JsonPropertyName("last_operation")]
    public Guid LastOperation { get; set; }
}
