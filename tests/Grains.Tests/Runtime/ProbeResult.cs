using System.Text.Json.Serialization;

namespace Grains.Tests.Runtime;

/// <summary>What a probe grain call saw: which activation on which silo ran it, and how many turns overlapped it.</summary>
public sealed record ProbeResult(
    [property: JsonPropertyName("activation_id")] Guid ActivationId,
    [property: JsonPropertyName("silo_id")] string SiloId,
    [property: JsonPropertyName("value")] int Value,
    [property: JsonPropertyName("overlapping")] int Overlapping);
