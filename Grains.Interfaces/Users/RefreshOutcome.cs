using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[JsonConverter(typeof(JsonStringEnumConverter<RefreshOutcome>))]
public enum RefreshOutcome
{
    /// <summary>The presented token was the family's current one; it is now replaced (or revoked).</summary>
    [JsonStringEnumMemberName("ok")]
    Ok,

    /// <summary>The token was already rotated: reuse. The whole family is now revoked.</summary>
    [JsonStringEnumMemberName("reused")]
    Reused,

    /// <summary>Unknown, expired or revoked family.</summary>
    [JsonStringEnumMemberName("invalid")]
    Invalid,
}
