using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains;

/// <summary>
/// The persisted state of a <see cref="UserGrain"/>. Property names are stored: never rename them.
/// </summary>
public sealed class UserState
{
    [JsonPropertyName("registered")]
    public bool Registered { get; set; }

    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    [JsonPropertyName("email")]
    public string Email { get; set; } = "";

    [JsonPropertyName("password_hash")]
    public string PasswordHash { get; set; } = "";

    [JsonPropertyName("first_name")]
    public string FirstName { get; set; } = "";

    [JsonPropertyName("last_name")]
    public string LastName { get; set; } = "";

    [JsonPropertyName("role")]
    public UserRole Role { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Set by an admin: a deactivated user cannot log in, refresh or use an access token. False for every older state.</summary>
    [JsonPropertyName("deactivated")]
    public bool Deactivated { get; set; }

    [JsonPropertyName("last_login_at")]
    public DateTimeOffset? LastLoginAt { get; set; }

    /// <summary>Failed password checks counted since <see cref="FailureWindowStart"/>.</summary>
    [JsonPropertyName("failed_logins")]
    public int FailedLogins { get; set; }

    [JsonPropertyName("failure_window_start")]
    public DateTimeOffset? FailureWindowStart { get; set; }

    [JsonPropertyName("locked_until")]
    public DateTimeOffset? LockedUntil { get; set; }

    /// <summary>Live refresh-token families by family id (one per login).</summary>
    [JsonPropertyName("refresh_families")]
    public Dictionary<Guid, RefreshFamilyState> RefreshFamilies { get; init; } = [];

    /// <summary>The cursor of the newest event of the user's event log whose effect this state holds.</summary>
    [JsonPropertyName("applied_cursor")]
    public long AppliedCursor { get; set; }

    /// <summary>Events up to this cursor were dropped by retention: resuming from before it is a resync.</summary>
    [JsonPropertyName("events_trimmed_through")]
    public long EventsTrimmedThrough { get; set; }

    /// <summary>The conversations the user takes part in, by conversation id.</summary>
    [JsonPropertyName("conversations")]
    public Dictionary<Guid, UserConversationState> Conversations { get; init; } = [];
}
