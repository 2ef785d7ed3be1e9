namespace Grains.Interfaces;

/// <summary>The data of an event that carries none (<c>resync</c>): <c>{}</c>.</summary>
[GenerateSerializer]
[Immutable]
public sealed record EmptyData
{
    public static EmptyData Instance { get; } = new();
}
