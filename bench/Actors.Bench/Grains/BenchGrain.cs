using Actors.Hosting;

namespace Actors.Bench.Grains;

public sealed class BenchGrain(
    [PersistentState("bench")] IPersistentState<BenchState> state,
    ISiloStatus silo) : Grain, IBenchGrain
{
    public Task<int> PingAsync(int value) => Task.FromResult(value);

    public Task<string> GetSiloIdAsync() => Task.FromResult(silo.SiloId);

    public Task WriteAsync(int value)
    {
        state.State.Value = value;
        state.State.Note = "a grain state of a few dozen bytes";
        return state.WriteStateAsync();
    }
}
