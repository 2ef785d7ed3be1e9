using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>A client with its new secret: answered once, at creation or rotation, and stored only as a hash.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ServiceClientSecret(
    [property: Id(0), JsonPropertyName("client")] ServiceClientView Client,
    [property: Id(1), JsonPropertyName("secret")] string Secret);
