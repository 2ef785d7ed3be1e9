namespace Grains.Storage;

/// <summary>Applies the provider's versioned schema scripts; idempotent and safe when several silos start at once.</summary>
public interface IStorageSchema
{
    Task EnsureCreatedAsync(CancellationToken cancellationToken);
}
