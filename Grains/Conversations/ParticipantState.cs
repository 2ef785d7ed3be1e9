using System.Text.Json.Serialization;
using Grains.Interfaces;

namespace Grains;

/// <summary>A participant of a conversation; the username is captured when they join.</summary>
public sealed class ParticipantState
{
    [JsonPropertyName("user_id")]
    public Guid UserId { get; set; }

    [JsonPropertyName("username")]
    public string Username { get; set; } = "";

    [JsonPropertyName("role")]
    public ParticipantRole Role { get; set; }

    [JsonPropertyName("joined_at")]
    public DateTimeOffset JoinedAt { get; set; }
}
