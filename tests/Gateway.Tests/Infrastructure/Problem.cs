using System.Text.Json.Serialization;

namespace Gateway.Tests.Infrastructure;

/// <summary>An RFC 9457 problem as the API writes it.</summary>
public sealed record Problem(
    [property: JsonPropertyName("status")] int Status,
    [property: JsonPropertyName("title")] string? Title,
    [property: JsonPropertyName("detail")] string? Detail,
    [property: JsonPropertyName("errors")] Dictionary<string, string[]>? Errors);
