using System.Text.Json.Serialization;

namespace Grains.Interfaces;

[GenerateSerializer]
[Immutable]
public sealed record SenderView(
    [property: Id(0), JsonPropertyName("user_id")] Guid UserId,
    [property: Id(1), JsonPropertyName("username")] string Username);
