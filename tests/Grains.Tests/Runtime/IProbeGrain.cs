using Actors;

namespace Grains.Tests.Runtime;

/// <summary>A grain that reports where and how its calls ran, for runtime tests.</summary>
public interface IProbeGrain : IGrainWithGuidKey
{
    /// <summary>Adds to the persisted value after a pause; reports overlap with other turns.</summary>
    Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds);

    /// <summary>Reads the value after a pause; read-only, so it may overlap other reads.</summary>
    [ReadOnly]
    Task<ProbeResult> ReadAsync(int pauseMilliseconds);

    /// <summary>Throws a domain error of the given kind.</summary>
    Task FailAsync(GrainErrorKind kind, string message);

    /// <summary>Asks for deactivation after this call.</summary>
    Task DeactivateAsync();

    /// <summary>Calls another probe grain, to exercise grain-to-grain calls.</summary>
    Task<ProbeResult> AddViaAsync(Guid other, int amount);
}
