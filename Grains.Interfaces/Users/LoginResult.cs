using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The outcome of a password check; <see cref="RetryAfterSeconds"/> is set when locked out.</summary>
public sealed record LoginResult(
    [property: JsonPropertyName("status")] LoginStatus Status,
    [property: JsonPropertyName("user")] UserView? User,
    [property: JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds);
