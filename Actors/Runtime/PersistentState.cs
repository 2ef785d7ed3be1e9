using Actors.Serialization;
using Actors.Storage;

namespace Actors.Runtime;

/// <summary>A grain's state bound to the state store under (grain type.state name, key), with ETag checks.</summary>
internal sealed class PersistentState<TState>(string storageType, string key, IGrainStateStore store, GrainSerializer serializer)
    : IPersistentState<TState>, IStateLoader
    where TState : class, new()
{
    public TState State { get; set; } = new();

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public Task LoadAsync(CancellationToken cancellationToken) => ReadStateAsync(cancellationToken);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await store.ReadAsync(storageType, key, cancellationToken).ConfigureAwait(false);
        Etag = record?.ETag;
        RecordExists = record?.Payload is not null;
        State = record?.Payload is { } payload ? serializer.Deserialize<TState>(payload) : new TState();
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = serializer.SerializeToBytes(State);
        Etag = await store.WriteAsync(storageType, key, payload, Etag, cancellationToken).ConfigureAwait(false);
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        Etag = await store.ClearAsync(storageType, key, Etag, cancellationToken).ConfigureAwait(false);
        RecordExists = false;
        State = new TState();
    }
}
