using System.Collections.Concurrent;

namespace Grains.Tests.Runtime;

/// <summary>
/// Lifecycle events of probe grains on every silo of this process (silos are created from configuration,
/// so they cannot be handed a shared instance); tests tell their grains apart by their fresh keys.
/// </summary>
public static class ProbeEvents
{
    private static readonly ConcurrentQueue<(Guid Key, string Event)> Events = new();

    public static void Record(Guid key, string @event) => Events.Enqueue((key, @event));

    public static IReadOnlyList<string> For(Guid key) => [.. Events.Where(e => e.Key == key).Select(e => e.Event)];
}
