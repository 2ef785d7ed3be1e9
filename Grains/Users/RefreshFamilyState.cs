using System.Text.Json.Serialization;

namespace Grains;

/// <summary>One login's refresh-token family: which token is current, and until when the family lives.</summary>
public sealed class RefreshFamilyState
{
    [JsonPropertyName("current_token_id")]
    public Guid CurrentTokenId { get; set; }

    /// <summary>The token the current one replaced, so that a replay of the same rotation is not taken for reuse.</summary>
    [JsonPropertyName("previous_token_id")]
    public Guid? PreviousTokenId { get; set; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset ExpiresAt { get; set; }
}
