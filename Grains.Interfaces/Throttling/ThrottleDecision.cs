using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// A throttle's answer: whether the hit was allowed, and how long the key stays blocked from now (null when
/// it is not blocked). The hit that uses the last permit is allowed and comes back blocked.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ThrottleDecision(
    [property: Id(0), JsonPropertyName("allowed")] bool Allowed,
    [property: Id(1), JsonPropertyName("retry_after")] TimeSpan? RetryAfter)
{
    public static ThrottleDecision Open { get; } = new(true, null);

    public bool IsBlocked => RetryAfter is not null;
}
