using System.Text.Json.Serialization;

namespace Grains.Interfaces;

/// <summary>
/// At most <see cref="Limit"/> hits per fixed <see cref="Window"/> (which starts at the first hit). The hit that
/// reaches the limit is still allowed; then the key is blocked for <see cref="Block"/> from that hit, or until
/// the window ends when <see cref="Block"/> is zero.
/// </summary>
[GenerateSerializer]
[Immutable]
public sealed record ThrottlePolicy(
    [property: Id(0), JsonPropertyName("limit")] int Limit,
    [property: Id(1), JsonPropertyName("window")] TimeSpan Window,
    [property: Id(2), JsonPropertyName("block")] TimeSpan Block)
{
    public bool IsValid() => Limit > 0 && Window > TimeSpan.Zero && Block >= TimeSpan.Zero;
}
