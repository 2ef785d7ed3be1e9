using System.Runtime.ExceptionServices;

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

    /// <summary>Calls <paramref name="deliver"/> for each target, and again for those whose call the runtime failed.</summary>
    public static async Task ToEachAsync<T>(IReadOnlyList<T> targets, Func<T, Task> deliver, TimeProvider time, TimeSpan budget)
    {
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        var pending = targets;
        while (true)
        {
            var calls = new Task[pending.Count];
            for (var i = 0; i < calls.Length; i++)
            {
                calls[i] = deliver(pending[i]);
            }

            try
            {
                await Task.WhenAll(calls);
                return;
            }
            catch
            {
                // Each call's own outcome decides, below.
            }

            var failed = new List<T>();
            Exception? firstFailure = null;
            for (var i = 0; i < calls.Length; i++)
            {
                if (calls[i].Exception?.InnerException is not { } failure)
                {
                    continue;
                }

                if (!IsRuntimeFailure(failure))
                {
                    ExceptionDispatchInfo.Throw(failure);
                }

                failed.Add(pending[i]);
                firstFailure ??= failure;
            }

            if (firstFailure is null)
            {
                // No call failed, but one was cancelled: that is the request's outcome.
                await Task.WhenAll(calls);
                return;
            }

            if (time.GetElapsedTime(started) + delay >= budget)
            {
                ExceptionDispatchInfo.Throw(firstFailure);
            }

            await Task.Delay(delay, time);
            delay = Next(delay);
            pending = failed;
        }
    }

    /// <summary>Makes <paramref name="read"/>, and again while the runtime fails it and the budget lasts.</summary>
    public static async Task<T> ReadAsync<T>(Func<Task<T>> read, TimeProvider time, TimeSpan budget)
    {
        var started = time.GetTimestamp();
        var delay = FirstDelay;
        while (true)
        {
            try
            {
                return await read();
            }
            catch (Exception exception) when (IsRuntimeFailure(exception) && time.GetElapsedTime(started) + delay < budget)
            {
                await Task.Delay(delay, time);
                delay = Next(delay);
            }
        }
    }

    private static bool IsRuntimeFailure(Exception exception) => exception is OrleansException or TimeoutException;

    private static TimeSpan Next(TimeSpan delay) => delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
}
