using Actors;
using Actors.Hosting;

namespace Grains.Tests.Runtime;

public sealed class ProbeGrain(
    [PersistentState("probe")] IPersistentState<ProbeState> state,
    ISiloStatus silo,
    ProbeEvents events) : Grain, IProbeGrain
{
    private readonly Guid _activationId = Guid.NewGuid();
    private int _running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        events.Record(GrainId, "activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        events.Record(GrainId, $"deactivated:{reason}");
        return Task.CompletedTask;
    }

    public async Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds)
    {
        var overlapping = Interlocked.Increment(ref _running);
        try
        {
            await Task.Delay(pauseMilliseconds);
            overlapping = Math.Max(overlapping, Volatile.Read(ref _running));
            state.State.Value += amount;
            await state.WriteStateAsync();
            return new ProbeResult(_activationId, silo.SiloId, state.State.Value, overlapping);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public async Task<ProbeResult> ReadAsync(int pauseMilliseconds)
    {
        var overlapping = Interlocked.Increment(ref _running);
        try
        {
            await Task.Delay(pauseMilliseconds);
            overlapping = Math.Max(overlapping, Volatile.Read(ref _running));
            return new ProbeResult(_activationId, silo.SiloId, state.State.Value, overlapping);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }

    public Task FailAsync(GrainErrorKind kind, string message) =>
        throw GrainException.Create(kind, message, kind == GrainErrorKind.Invalid ? new Dictionary<string, string[]> { ["field"] = [message] } : null);

    public Task DeactivateAsync()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<ProbeResult> AddViaAsync(Guid other, int amount) =>
        GrainFactory.GetGrain<IProbeGrain>(other).AddAsync(amount, 0);
}
