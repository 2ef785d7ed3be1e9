using System.Text.Json.Serialization;

namespace Actors.Serialization;

/// <summary>An error as it crosses the wire: a domain error keeps its kind; anything else is a failure with a message.</summary>
internal sealed record RemoteError(
    [property: JsonPropertyName("kind")] GrainErrorKind? Kind,
    [property: JsonPropertyName("message")] string Message,
    [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors);
