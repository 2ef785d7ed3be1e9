using System.Runtime.ExceptionServices;

namespace Grains;

/// <summary>
/// Delivers a change to several user grains, and again to those whose call failed in Orleans' runtime (their
/// silo stopping, a rejection, a user grain reactivating after a failed write) while a short budget lasts. The
/// change is already stored and the request waits for its delivery, so a silo that stops gracefully under
/// load costs a send a short wait instead of a failure. Repeating is harmless: a user grain skips a message it
/// already has, and a repeated update or membership event carries the same state again. An error a user grain
/// throws on purpose is not repeated; what still fails when the budget is spent fails the request.
/// </summary>
internal static class Redelivery
{
    /// <summary>Well inside the 3 s a send may take (<c>CallTimeouts.Messaging</c>), queueing and writing included.</summary>
    public static readonly TimeSpan Budget = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan FirstDelay = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan LongestDelay = TimeSpan.FromMilliseconds(400);

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

                if (failure is not (OrleansException or TimeoutException))
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
            delay = delay * 2 < LongestDelay ? delay * 2 : LongestDelay;
            pending = failed;
        }
    }
}
