using System.Text.Json.Serialization;

namespace Grains;

/// <summary>The persisted state of a <see cref="ServiceClientGrain"/>. Property names are stored: never rename them.</summary>
public sealed class ServiceClientState
{
    [JsonPropertyName("created")]
    public bool Created { get; set; }

    [JsonPropertyName("name")]
    public string Name { get; set; } = "";

    [JsonPropertyName("scopes")]
    public List<string> Scopes { get; set; } = [];

    /// <summary>Chosen (and stored) before the bot user is made, so that a retried creation makes the same one.</summary>
    [JsonPropertyName("bot_user_id")]
    public Guid BotUserId { get; set; }

    [JsonPropertyName("bot_username")]
    public string BotUsername { get; set; } = "";

    [JsonPropertyName("created_by")]
    public Guid CreatedBy { get; set; }

    [JsonPropertyName("created_at")]
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>PBKDF2 (ASP.NET Core Identity's hasher) of the current secret.</summary>
    [JsonPropertyName("secret_hash")]
    public string SecretHash { get; set; } = "";

    [JsonPropertyName("secret_rotated_at")]
    public DateTimeOffset SecretRotatedAt { get; set; }

    [JsonPropertyName("revoked_at")]
    public DateTimeOffset? RevokedAt { get; set; }
}
