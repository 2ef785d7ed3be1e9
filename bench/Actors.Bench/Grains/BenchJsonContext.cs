using System.Text.Json.Serialization;

namespace Actors.Bench.Grains;

[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(BenchState))]
public sealed partial class BenchJsonContext : JsonSerializerContext;
