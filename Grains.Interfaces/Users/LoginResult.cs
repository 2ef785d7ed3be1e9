using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>The outcome of a password check; <see cref="RetryAfterSeconds"/> is set when locked out.</summary>
[GenerateSerializer]
[Immutable]
public sealed record LoginResult(
    [property: Id(0), JsonPropertyName("status")] LoginStatus Status,
    [property: Id(1), JsonPropertyName("user")] UserView? User,
    [property: Id(2), JsonPropertyName("retry_after_seconds")] int? RetryAfterSeconds);
