using System.Collections.Concurrent;
using Actors;

namespace Grains.Tests.Runtime;

/// <summary>Lifecycle events of probe grains, shared by all silos of a test cluster.</summary>
public sealed class ProbeEvents
{
    private readonly ConcurrentQueue<(GrainId Grain, string Event)> _events = new();

    public void Record(GrainId grain, string @event) => _events.Enqueue((grain, @event));

    public IReadOnlyList<string> For(Guid key) =>
        [.. _events.Where(e => e.Grain.Key == key.ToString("D")).Select(e => e.Event)];
}
