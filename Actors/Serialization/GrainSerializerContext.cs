using System.Text.Json.Serialization;

namespace Actors.Serialization;

/// <summary>A registered JSON context; the runtime combines them all into one resolver.</summary>
public sealed record GrainSerializerContext(JsonSerializerContext Context);
