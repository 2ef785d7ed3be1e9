namespace Grains.Bench.BenchGrains;

/// <summary>A bench call's result.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Pong([property: Id(0)] int Value);
