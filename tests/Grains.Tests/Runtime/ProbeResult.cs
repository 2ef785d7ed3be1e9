namespace Grains.Tests.Runtime;

/// <summary>What a probe grain call saw: which activation on which silo ran it, and how many calls overlapped it.</summary>
[GenerateSerializer]
[Immutable]
public sealed record ProbeResult(
    [property: Id(0)] Guid ActivationId,
    [property: Id(1)] SiloAddress Silo,
    [property: Id(2)] int Value,
    [property: Id(3)] int Overlapping);
