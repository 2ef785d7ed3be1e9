using System.Globalization;

namespace LoadGen;

/// <summary>
/// Samples a local process's CPU time (user + system, from /proc/PID/stat) and resident memory
/// (/proc/PID/status VmRSS, with its peak) every half second while a phase runs.
/// </summary>
internal sealed class ServerSampler : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly double _cpuStart;
    private readonly DateTime _start = DateTime.UtcNow;
    private long _peakRssKib;

    public ServerSampler(int pid)
    {
        _pid = pid;
        _cpuStart = CpuSeconds();
        _loop = Task.Run(LoopAsync);
    }

    public long PeakRssKib => Interlocked.Read(ref _peakRssKib);

    /// <summary>CPU cores the process used on average since the sampler started.</summary>
    public double CoresUsed() => (CpuSeconds() - _cpuStart) / (DateTime.UtcNow - _start).TotalSeconds;

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var rss = RssKib();
            long peak;
            while (rss > (peak = Interlocked.Read(ref _peakRssKib)) && Interlocked.CompareExchange(ref _peakRssKib, rss, peak) != peak)
            {
            }

            try
            {
                await Task.Delay(500, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private double CpuSeconds()
    {
        // Fields after the command name (which may hold spaces, so split after its closing parenthesis):
        // utime and stime are the 14th and 15th fields of the line, in clock ticks (100 per second on Linux).
        var stat = File.ReadAllText($"/proc/{_pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private long RssKib() => RssKibOf(_pid);

    /// <summary>A process's resident memory now (VmRSS), in KiB.</summary>
    public static long RssKibOf(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
}
