using Orleans.Storage;

namespace Grains.Storage;

/// <summary>
/// The storage provider seam for grain state: one row per (grain type, key) with a version (ETag),
/// a JSON payload and an update time. Implementations: SQLite and PostgreSQL.
/// </summary>
public interface IGrainStateStore
{
    /// <summary>Reads the record, or null when the grain never wrote one.</summary>
    Task<GrainStateRecord?> ReadAsync(string grainType, string key, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the payload if the stored version equals <paramref name="expectedETag"/> (null: no row
    /// may exist yet) and returns the new version. Otherwise writes nothing and throws
    /// <see cref="InconsistentStateException"/>.
    /// </summary>
    Task<string> WriteAsync(string grainType, string key, byte[] payload, string? expectedETag, CancellationToken cancellationToken);

    /// <summary>
    /// Clears the payload under the same ETag rule as <see cref="WriteAsync"/>, keeping the row and
    /// bumping its version so that a stale activation cannot write over the clear. Returns the new version.
    /// </summary>
    Task<string> ClearAsync(string grainType, string key, string? expectedETag, CancellationToken cancellationToken);
}
