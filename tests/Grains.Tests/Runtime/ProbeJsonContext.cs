using System.Text.Json.Serialization;

namespace Grains.Tests.Runtime;

/// <summary>The probe grain's state as JSON, as the messaging grains' state is stored.</summary>
[JsonSerializable(typeof(ProbeState))]
public sealed partial class ProbeJsonContext : JsonSerializerContext;
