namespace Grains.Bench.BenchGrains;

/// <summary>A bench call's argument, serialized as the messaging grains' arguments are.</summary>
[GenerateSerializer]
[Immutable]
public sealed record Ping([property: Id(0)] int Value);
