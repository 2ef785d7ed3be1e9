using Actors.Membership;

namespace Actors.Runtime;

/// <summary>
/// Highest-random-weight hashing: every caller that sees the same active silos picks the same owner
/// for a grain, and a silo joining or leaving moves only the grains it wins or held.
/// </summary>
internal static class RendezvousPlacement
{
    public static SiloEntry? PickOwner(GrainId grain, IReadOnlyList<ActiveSilo> silos)
    {
        var grainHash = Hash(grain.Type, grain.Key);
        SiloEntry? owner = null;
        var best = 0UL;
        foreach (var silo in silos)
        {
            var score = Mix(grainHash ^ silo.Hash);
            if (owner is null || score > best || (score == best && string.CompareOrdinal(silo.Entry.SiloId, owner.SiloId) > 0))
            {
                owner = silo.Entry;
                best = score;
            }
        }

        return owner;
    }

    public static ulong Hash(string first, string second = "")
    {
        // FNV-1a over the UTF-16 code units: stable across processes and runtimes, unlike string.GetHashCode.
        var hash = 14695981039346656037UL;
        foreach (var c in first)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ '/') * 1099511628211UL;
        foreach (var c in second)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return Mix(hash);
    }

    private static ulong Mix(ulong value)
    {
        // The splitmix64 finalizer: spreads every input bit over the whole word.
        value ^= value >> 30;
        value *= 0xbf58476d1ce4e5b9UL;
        value ^= value >> 27;
        value *= 0x94d049bb133111ebUL;
        value ^= value >> 31;
        return value;
    }
}
