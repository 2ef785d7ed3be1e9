using Grains.Hosting;
using Orleans.Runtime;

namespace Grains.Tests.Clusters;

/// <summary>
/// Retries grain calls while silos come and go, as the gateway does: any call that certainly did not run
/// (Orleans rejected it before the grain saw it, or the grain's write found a newer version and wrote
/// nothing), and any failure of a call that is safe to repeat. A call whose outcome is unknown (its silo died
/// under it) is never repeated unless it is idempotent: the test then fails, as a client would see it.
/// </summary>
public static class GrainCalls
{
    /// <summary>Long enough for the cluster to declare a killed silo dead and place its grains again.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    /// <summary>A call that may run twice without harm: a read, or a send with a client message id.</summary>
    public static Task<T> IdempotentAsync<T>(Func<Task<T>> call) => RetryAsync(call, idempotent: true);

    /// <summary>A call that must not run twice: repeated only when it certainly did not run.</summary>
    public static Task<T> OnceAsync<T>(Func<Task<T>> call) => RetryAsync(call, idempotent: false);

    private static async Task<T> RetryAsync<T>(Func<Task<T>> call, bool idempotent)
    {
        var deadline = DateTime.UtcNow + Budget;
        var delay = TimeSpan.FromMilliseconds(50);
        while (true)
        {
            try
            {
                return await call();
            }
            catch (Exception exception) when (IsRetryable(exception, idempotent) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(delay);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 500));
            }
        }
    }

    private static bool IsRetryable(Exception exception, bool idempotent) =>
        GrainCallFailures.CertainlyDidNotRun(exception)
        || (idempotent && exception is OrleansException or TimeoutException);
}
