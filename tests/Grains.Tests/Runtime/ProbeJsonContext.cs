using System.Text.Json.Serialization;
using Actors;

namespace Grains.Tests.Runtime;

[JsonSerializable(typeof(ProbeResult))]
[JsonSerializable(typeof(ProbeState))]
[JsonSerializable(typeof(GrainErrorKind))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;
