using System.Text.Json.Serialization;

namespace Grains;

/// <summary>The persisted state of an <see cref="ExternalIdentityGrain"/>. Property names are stored: never rename them.</summary>
public sealed class ExternalIdentityState
{
    /// <summary>The local user, chosen (and stored) before that user is created, so that a retry creates the same one.</summary>
    [JsonPropertyName("user_id")]
    public Guid? UserId { get; set; }

    /// <summary>Whether the local user was created; until then every sign-in tries to finish creating it.</summary>
    [JsonPropertyName("registered")]
    public bool Registered { get; set; }

    [JsonPropertyName("first_seen_at")]
    public DateTimeOffset FirstSeenAt { get; set; }
}
