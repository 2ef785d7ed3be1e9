using Actors;

namespace Actors.Bench.Grains;

/// <summary>A grain with the least domain logic possible, so that its calls measure the runtime.</summary>
[GrainType("bench")]
public interface IBenchGrain : IGrainWithGuidKey
{
    /// <summary>Returns its argument: one call, no state.</summary>
    Task<int> PingAsync(int value);

    /// <summary>The id of the silo that runs this activation.</summary>
    [ReadOnly]
    Task<string> GetSiloIdAsync();

    /// <summary>Sets the persisted value and writes the state (one ETag-checked write).</summary>
    Task WriteAsync(int value);
}
