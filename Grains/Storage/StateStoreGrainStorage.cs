using Orleans.Runtime;
using Orleans.Storage;

namespace Grains.Storage;

/// <summary>
/// Orleans grain storage over the project's <see cref="IGrainStateStore"/> (the embedded default's
/// SQLite file): one <c>grain_state</c> row per (grain type.state name, key), its version as the ETag.
/// A stale ETag surfaces as Orleans' <see cref="InconsistentStateException"/>, after which Orleans
/// deactivates the activation. Guid keys are written in their hyphenated form, as rows written before
/// the move to Orleans have them.
/// </summary>
internal sealed class StateStoreGrainStorage(IGrainStateStore store, IGrainStorageSerializer serializer) : IGrainStorage
{
    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = RowKey(stateName, grainId);
        var record = await store.ReadAsync(type, key, CancellationToken.None);
        grainState.ETag = record?.ETag;
        grainState.RecordExists = record?.Payload is not null;
        grainState.State = record?.Payload is { } payload ? serializer.Deserialize<T>(new BinaryData(payload)) : Activator.CreateInstance<T>();
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = RowKey(stateName, grainId);
        var payload = serializer.Serialize(grainState.State).ToArray();
        grainState.ETag = await store.WriteAsync(type, key, payload, grainState.ETag, CancellationToken.None);
        grainState.RecordExists = true;
    }

    public async Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (type, key) = RowKey(stateName, grainId);
        grainState.ETag = await store.ClearAsync(type, key, grainState.ETag, CancellationToken.None);
        grainState.RecordExists = false;
        grainState.State = Activator.CreateInstance<T>();
    }

    private static (string Type, string Key) RowKey(string stateName, GrainId grainId) =>
        ($"{grainId.Type}.{stateName}", grainId.TryGetGuidKey(out var guid, out var extension) && extension is null
            ? guid.ToString("D")
            : grainId.Key.ToString()!);
}
