using Orleans.Runtime;

namespace Grains.Storage;

/// <summary>
/// Applies the storage schema at the very first stage of the silo's start, before membership and grain
/// storage read the tables (and Orleans' ADO.NET providers their queries) from the database.
/// </summary>
internal sealed class StorageSchemaInitializer(IStorageSchema schema) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageSchemaInitializer), ServiceLifecycleStage.First, schema.EnsureCreatedAsync);
}
