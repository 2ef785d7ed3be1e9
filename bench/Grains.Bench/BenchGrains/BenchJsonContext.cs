using System.Text.Json.Serialization;

namespace Grains.Bench.BenchGrains;

/// <summary>The bench grain's state as JSON, as the messaging grains' state is stored.</summary>
[JsonSerializable(typeof(BenchState))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
