using Actors.Testing;

namespace Actors.Bench.Infrastructure;

/// <summary>Finds grain keys that placement puts on a given silo.</summary>
public static class GrainKeys
{
    /// <summary>
    /// Draws random keys until <paramref name="count"/> of them are owned by <paramref name="silo"/>, asking
    /// each grain where it runs (<paramref name="getSiloId"/>), which also activates it.
    /// </summary>
    public static async Task<Guid[]> OwnedByAsync<TGrain>(TestSilo silo, int count, Func<TGrain, Task<string>> getSiloId)
        where TGrain : IGrainWithGuidKey
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(getSiloId);
        var keys = new List<Guid>(count);
        for (var attempt = 0; keys.Count < count; attempt++)
        {
            if (attempt > count * 100)
            {
                throw new InvalidOperationException($"Placement put none of {attempt} grains on silo {silo.SiloId}.");
            }

            var key = Guid.NewGuid();
            if (await getSiloId(silo.GrainFactory.GetGrain<TGrain>(key)) == silo.SiloId)
            {
                keys.Add(key);
            }
        }

        return [.. keys];
    }
}
