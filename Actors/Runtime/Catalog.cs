using System.Collections.Concurrent;
using Actors.Membership;
using Actors.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Actors.Runtime;

/// <summary>
/// The activations of this silo: at most one per grain id. Creates an activation on a grain's first
/// call (if this silo owns the grain), collects idle ones, and deactivates everything at shutdown.
/// </summary>
internal sealed class Catalog(
    IServiceProvider services,
    GrainActivator activator,
    MembershipView view,
    SiloIdentity identity,
    TimeProvider time,
    ILoggerFactory loggerFactory)
{
    private readonly ConcurrentDictionary<GrainId, Activation> _activations = new();
    private readonly ILogger _logger = loggerFactory.CreateLogger<Activation>();
    private IGrainFactory? _grainFactory;
    private volatile bool _accepting = true;

    public TimeProvider Time => time;

    public GrainActivator Activator => activator;

    public int Count => _activations.Count;

    private IGrainFactory GrainFactory => _grainFactory ??= services.GetRequiredService<GrainCallRouter>();

    /// <summary>Whether this silo is the grain's owner in its current view of the membership.</summary>
    public bool Owns(GrainId grainId) =>
        _accepting && RendezvousPlacement.PickOwner(grainId, view.Current.Silos)?.SiloId == identity.SiloId;

    /// <summary>
    /// Runs a call on the grain's activation. Throws <see cref="SiloUnavailableException"/>, running
    /// nothing, when this silo does not own the grain or is shutting down.
    /// </summary>
    public async Task<object?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var item = new CallWorkItem(grainId, method, arguments);
        while (true)
        {
            if (!Owns(grainId))
            {
                throw new SiloUnavailableException($"Silo {identity.SiloId} does not own {grainId}.");
            }

            var activation = GetOrCreate(grainId);
            if (activation.TryEnqueue(item))
            {
                return await item.Result.ConfigureAwait(false);
            }

            await activation.Completion.ConfigureAwait(false);
        }
    }

    public void Remove(Activation activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, Activation>(activation.GrainId, activation));

    /// <summary>Deactivates activations unused for at least <paramref name="age"/>.</summary>
    public void CollectIdle(TimeSpan age)
    {
        foreach (var activation in _activations.Values)
        {
            if (activation.IsIdle && activation.IdleFor >= age)
            {
                activation.TryDeactivateWhenIdle(DeactivationReason.Idle, age);
            }
        }
    }

    /// <summary>Deactivates activations whose grains this silo no longer owns (a silo joined and won them).</summary>
    public void DeactivateUnowned()
    {
        foreach (var activation in _activations.Values)
        {
            if (!Owns(activation.GrainId))
            {
                activation.TryEnqueue(new ControlWorkItem((a, _) =>
                {
                    a.Deactivate(DeactivationReason.ShuttingDown);
                    return Task.CompletedTask;
                }));
            }
        }
    }

    /// <summary>Stops taking calls, lets queued calls finish, and deactivates every activation.</summary>
    public async Task DeactivateAllAsync(CancellationToken cancellationToken)
    {
        _accepting = false;
        var all = _activations.Values.ToList();
        foreach (var activation in all)
        {
            activation.TryEnqueue(new ControlWorkItem((a, _) =>
            {
                a.Deactivate(DeactivationReason.ShuttingDown);
                return Task.CompletedTask;
            }));
        }

        await Task.WhenAll(all.Select(a => a.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops taking calls without running any grain code (the silo was fenced off or killed).</summary>
    public void StopAccepting() => _accepting = false;

    private Activation GetOrCreate(GrainId grainId)
    {
        if (_activations.TryGetValue(grainId, out var existing))
        {
            return existing;
        }

        var candidate = new Activation(grainId, this, GrainFactory, _logger);
        var activation = _activations.GetOrAdd(grainId, candidate);
        if (ReferenceEquals(activation, candidate))
        {
            candidate.Start();
        }

        return activation;
    }
}
