using System.Globalization;

namespace LoadGen;

/// <summary>What to run, from <c>--name value</c> arguments (see <see cref="Usage"/>).</summary>
internal sealed record Options(
    Uri BaseUrl,
    string Scenario,
    double Rate,
    TimeSpan Duration,
    TimeSpan Warmup,
    int SeedUsers,
    int SeedConversations,
    int SeedMessages,
    int ReadPercent,
    int? ServerPid,
    string? JsonPath,
    string Password,
    int MaxInFlight,
    int Streams,
    IReadOnlyList<Uri> Gateways)
{
    public const string Usage = """
        LoadGen: open-loop HTTP load against the messaging API, at a fixed request rate.
          --base-url URL            the gateway (required), e.g. http://127.0.0.1:8080
          --scenario NAME           mixed (reads and sends, --read-percent reads), read, send, catchup (default mixed);
                                    streams: --streams idle event streams over the seeded users, held for --duration
                                    (the gateway's memory per stream, with --server-pid); fanout: one conversation of
                                    all --seed-users, a stream each (over --gateways), the owner sending --rate
                                    messages/s for --duration (latency from each send's answer to every stream)
          --rate N                  requests per second, sent on schedule whatever the answers (default 1000)
          --duration 15s            measured time (s, ms or m), after --warmup (default 3s) at the same rate
          --seed-users N            users it registers, each with its own token (default 50)
          --seed-conversations N    conversations of 2-5 of those users (default 100)
          --seed-messages N         messages sent into each before the run (default 20)
          --read-percent N          share of reads in the mixed scenario (default 90)
          --server-pid PID          sample this process's CPU time and resident memory (Linux /proc)
          --json FILE               also write the results as JSON
          --max-in-flight N         requests outstanding at most; past it a request is counted as not sent (default 10000)
          --streams N               event streams of the streams scenario (default 10000)
          --gateways URL,URL        gateways the fanout scenario spreads its streams over (default: --base-url)
        """;

    public static Options Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 == args.Length)
            {
                throw new ArgumentException($"Expected --name value, found '{args[i]}'.");
            }

            values[args[i][2..]] = args[++i];
        }

        string? Get(string name) => values.Remove(name, out var value) ? value : null;
        int Int(string name, int fallback, int min) =>
            Get(name) is { } text ? Check(int.Parse(text, CultureInfo.InvariantCulture), min, name) : fallback;

        var baseUrl = Get("base-url") ?? throw new ArgumentException("--base-url is required.");
        var scenario = Get("scenario") ?? "mixed";
        if (scenario is not ("mixed" or "read" or "send" or "catchup" or "streams" or "fanout"))
        {
            throw new ArgumentException($"Unknown scenario '{scenario}'.");
        }

        var rate = Get("rate") is { } r ? double.Parse(r, CultureInfo.InvariantCulture) : 1000;
        if (rate is <= 0 or > 1_000_000)
        {
            throw new ArgumentException("--rate must be between 0 and 1,000,000.");
        }

        var options = new Options(
            new Uri(baseUrl.TrimEnd('/') + "/"),
            scenario,
            rate,
            Time(Get("duration") ?? "15s"),
            Time(Get("warmup") ?? "3s"),
            Int("seed-users", 50, 2),
            Int("seed-conversations", 100, 1),
            Int("seed-messages", 20, 0),
            Int("read-percent", 90, 0),
            Get("server-pid") is { } pid ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Get("json"),
            Get("password") ?? "loadgen-pass-12345",
            Int("max-in-flight", 10_000, 1),
            Int("streams", 10_000, 1),
            [.. (Get("gateways") ?? baseUrl).Split(',', StringSplitOptions.RemoveEmptyEntries).Select(url => new Uri(url.TrimEnd('/') + "/"))]);
        if (values.Count > 0)
        {
            throw new ArgumentException($"Unknown option --{values.Keys.First()}.");
        }

        return options.ReadPercent > 100 ? throw new ArgumentException("--read-percent is at most 100.") : options;
    }

    private static int Check(int value, int min, string name) =>
        value >= min ? value : throw new ArgumentException($"--{name} must be at least {min}.");

    private static TimeSpan Time(string text) =>
        text.EndsWith("ms", StringComparison.Ordinal) ? TimeSpan.FromMilliseconds(double.Parse(text[..^2], CultureInfo.InvariantCulture))
        : text.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : text.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(text[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
}
