using System.Text.Json.Serialization;

namespace Grains;

/// <summary>The persisted state of a name reservation (username or email).</summary>
public sealed class NameReservationState
{
    [JsonPropertyName("user_id")]
    public Guid? UserId { get; set; }

    [JsonPropertyName("reserved_at")]
    public DateTimeOffset ReservedAt { get; set; }
}
