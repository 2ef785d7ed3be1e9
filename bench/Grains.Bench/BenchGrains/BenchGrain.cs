using Orleans.Placement;

namespace Grains.Bench.BenchGrains;

/// <summary>
/// Keeps its state in a storage of its own (<see cref="StorageName"/>): the same provider as the messaging
/// grains' default storage, with a serializer that knows <see cref="BenchState"/>. Placed on the silo that
/// makes the first call, so that a benchmark decides where it lives by which silo's factory activates it.
/// </summary>
[PreferLocalPlacement]
public sealed class BenchGrain(
    [PersistentState("bench", BenchGrain.StorageName)] IPersistentState<BenchState> state,
    ILocalSiloDetails silo) : Grain, IBenchGrain
{
    public const string StorageName = "bench";

    /// <summary>With a value of a few digits, the stored JSON is about 40 bytes.</summary>
    private const string Note = "a few dozen bytes";

    public Task<Pong> PingAsync(Ping ping)
    {
        ArgumentNullException.ThrowIfNull(ping);
        return Task.FromResult(new Pong(ping.Value));
    }

    public Task<SiloAddress> GetSiloAsync() => Task.FromResult(silo.SiloAddress);

    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        state.State.Note = Note;
        return state.WriteStateAsync();
    }
}
