using System.Collections.Concurrent;
using Grains.Interfaces;
using Orleans.Runtime;

namespace Grains.Tests.Clusters;

/// <summary>
/// Refuses chosen calls as a stopping silo refuses one, before the grain runs them: the failure in Orleans'
/// runtime that a grain's call to another grain can meet, on demand. Every call to the email reservation of
/// an address at <see cref="UnreachableEmailDomain"/>, and the next calls to a user grain's profile that a
/// test asks for (<see cref="RefuseProfileReads"/>). Other calls pass.
/// </summary>
public sealed class RefusingCallFilter : IIncomingGrainCallFilter
{
    public const string UnreachableEmailDomain = "unreachable.example.com";

    private static readonly ConcurrentDictionary<GrainId, int> ProfileReadsToRefuse = new();

    /// <summary>Refuses the next <paramref name="count"/> calls of <see cref="IUserGrain.GetAsync"/> to <paramref name="user"/>.</summary>
    public static void RefuseProfileReads(IUserGrain user, int count) => ProfileReadsToRefuse[user.GetGrainId()] = count;

    /// <summary>How many of the refusals asked for are still to come.</summary>
    public static int ProfileReadsStillRefused(IUserGrain user) => ProfileReadsToRefuse.GetValueOrDefault(user.GetGrainId());

    public Task Invoke(IIncomingGrainCallContext context) =>
        IsRefused(context) ? throw new SiloUnavailableException("Silo 'S127.0.0.1:11111:1' is shutting down.") : context.Invoke();

    private static bool IsRefused(IIncomingGrainCallContext context) => context.Grain switch
    {
        IEmailGrain => context.TargetId.Key.ToString()!.EndsWith("@" + UnreachableEmailDomain, StringComparison.Ordinal),
        IUserGrain when context.MethodName == nameof(IUserGrain.GetAsync) => TakeRefusal(context.TargetId),
        _ => false,
    };

    private static bool TakeRefusal(GrainId user)
    {
        while (ProfileReadsToRefuse.TryGetValue(user, out var left) && left > 0)
        {
            if (ProfileReadsToRefuse.TryUpdate(user, left - 1, left))
            {
                return true;
            }
        }

        return false;
    }
}
