using System.Text.Json.Serialization;

namespace Grains.Interfaces;

public sealed record SenderView(
    [property: JsonPropertyName("user_id")] Guid UserId,
    [property: JsonPropertyName("username")] string Username);
