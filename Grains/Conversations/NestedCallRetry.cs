namespace Grains;

/// <summary>
/// Makes a grain's calls to other grains again when Orleans' runtime failed them (the other grain's silo
/// stopping, a rejection, a grain reactivating after a failed write) while a short budget lasts, for the
/// calls that may run twice. The nested-call filter reports such a failure to the grain's own caller as
/// outcome unknown, which the gateway does not repeat, so a grain repeats what it safely can itself:
/// <list type="bullet">
/// <item><see cref="ToEachAsync"/>: a stored change delivered to several user grains. The request waits for
/// the delivery, so a silo that stops gracefully under load costs a send a short wait instead of a failure.
/// A user grain skips a message it already has, and a repeated update or membership event carries the same
/// state again.</item>
/// <item><see cref="ReadAsync"/>: a read, made before the grain writes anything.</item>
/// </list>
/// An error a grain throws on purpose is not repeated; what still fails when the budget is spent fails the request.
/// </summary>
internal static class NestedCallRetry
{
    /// <summary>Well inside the 3 s a send may take (<c>CallTimeouts.Messaging</c>), queueing and writing included.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(400);

    /// <summary>Calls <paramref name="deliver"/> for each target, and again for each whose call the runtime failed.</summary>
    public static Task ToEachAsync<T>(IReadOnlyList<T> targets, Func<T, Task> deliver, TimeProvider time, TimeSpan budget)
    {
        var deliveries = new Task[targets.Count];
        for (var i = 0; i < deliveries.Length; i++)
        {
            var target = targets[i];
            deliveries[i] = RepeatAsync(() => deliver(target), time, budget);
        }

        return Task.WhenAll(deliveries);
    }

    /// <summary>Makes <paramref name="read"/>, and again while the runtime fails it and the budget lasts.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, TimeProvider time, TimeSpan budget)
    {
        Task<T>? last = null;
        await RepeatAsync(() => last = read(), time, budget);
        return await last!;
    }

    private static async Task RepeatAsync(Func<Task> call, TimeProvider time, TimeSpan budget)
    {
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                await call();
                return;
            }
            catch (Exception exception) when (IsRuntimeFailure(exception) && time.GetElapsedTime(started) + delay < budget)
            {
                await Task.Delay(delay, time);
                delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
            }
        }
    }

    private static bool IsRuntimeFailure(Exception exception) => exception is OrleansException or TimeoutException;
}
