using Grains.Interfaces;

namespace Grains.Tests.Runtime;

/// <summary>
/// Counts overlapping calls and persists a value in a storage of its own (<see cref="StorageName"/>): the
/// same provider as the messaging grains' default storage, with a serializer that knows <see cref="ProbeState"/>.
/// </summary>
[GrainType("probe")]
public sealed class ProbeGrain(
    [PersistentState("probe", ProbeGrain.StorageName)] IPersistentState<ProbeState> state,
    ILocalSiloDetails silo) : Grain, IProbeGrain
{
    public const string StorageName = "probe";

    private readonly Guid _activationId = Guid.NewGuid();
    private int _running;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        ProbeEvents.Record(this.GetPrimaryKey(), "activated");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        ProbeEvents.Record(this.GetPrimaryKey(), $"deactivated:{reason.ReasonCode}");
        return Task.CompletedTask;
    }

    public Task<ProbeResult> AddAsync(int amount, int pauseMilliseconds) =>
        RunAsync(pauseMilliseconds, async () =>
        {
            state.State.Value += amount;
            await state.WriteStateAsync();
        });

    public Task<ProbeResult> AddOnceAsync(Guid operationId, int amount) =>
        RunAsync(0, async () =>
        {
            if (state.State.LastOperation != operationId)
            {
                state.State.Value += amount;
                state.State.LastOperation = operationId;
                await state.WriteStateAsync();
            }
        });

    public Task<ProbeResult> ReadAsync(int pauseMilliseconds) => RunAsync(pauseMilliseconds, static () => Task.CompletedTask);

    public Task FailAsync(string kind) => kind switch
    {
        "stopping-silo" => throw new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down."),
        "not-found" => throw new NotFoundException("No such probe."),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown failure."),
    };

    public Task RelayFailureAsync(Guid target, string kind) => GrainFactory.GetGrain<IProbeGrain>(target).FailAsync(kind);

    private async Task<ProbeResult> RunAsync(int pauseMilliseconds, Func<Task> body)
    {
        var overlapping = Interlocked.Increment(ref _running);
        try
        {
            await Task.Delay(pauseMilliseconds);
            overlapping = Math.Max(overlapping, Volatile.Read(ref _running));
            await body();
            return new ProbeResult(_activationId, silo.SiloAddress, state.State.Value, overlapping);
        }
        finally
        {
            Interlocked.Decrement(ref _running);
        }
    }
}
