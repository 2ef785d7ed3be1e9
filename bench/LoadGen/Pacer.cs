using System.Diagnostics;

namespace LoadGen;

/// <summary>
/// Starts one request after another at a fixed rate, each when it is due, from a thread of its own: the
/// runtime's timers wake no earlier than the next millisecond tick, and a hop to the thread pool waits
/// behind the other continuations, which made requests leave 2 ms late at 500 requests a second. The
/// thread sleeps between requests (<see cref="FineSleep"/>, no spinning: it shares the machine with the
/// server) and runs each start itself, up to the request's first wait for the server, so that a request
/// leaves on time unless this machine is out of CPU.
/// </summary>
internal static class Pacer
{
    /// <summary>
    /// Starts <paramref name="clock"/>, then calls <paramref name="start"/> with each index from 0 to
    /// <paramref name="total"/> - 1 and the time on the clock it is due (index / rate seconds);
    /// completes once the last has been started.
    /// </summary>
    public static Task RunAsync(Stopwatch clock, long total, double rate, Action<long, TimeSpan> start, string name)
    {
        var paced = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            try
            {
                clock.Start();
                for (long i = 0; i < total; i++)
                {
                    var due = TimeSpan.FromSeconds(i / rate);
                    FineSleep.Until(clock, due);
                    start(i, due);
                }

                paced.SetResult();
            }
            catch (Exception exception)
            {
                paced.SetException(exception);
            }
        })
        {
            IsBackground = true,
            Name = name,
        };
        thread.Start();
        return paced.Task;
    }
}
