using System.Diagnostics;
using System.Runtime.InteropServices;

namespace LoadGen;

/// <summary>
/// Sleeps the calling thread until a point on a stopwatch, to within the kernel's timer slack (tens of
/// microseconds on Linux) rather than the runtime's millisecond: <c>usleep</c> from the C library.
/// </summary>
internal static partial class FineSleep
{
    public static void Until(Stopwatch clock, TimeSpan due)
    {
        while (true)
        {
            var wait = due - clock.Elapsed;
            if (wait <= TimeSpan.Zero)
            {
                return;
            }

            _ = USleep((uint)Math.Min(wait.TotalMicroseconds, 100_000));
        }
    }

    [LibraryImport("libc", EntryPoint = "usleep")]
    private static partial int USleep(uint microseconds);
}
