using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace LoadGen;

/// <summary>
/// Sends requests on a fixed schedule (request i at start + i / rate), whether or not earlier ones have
/// been answered, and measures each from the time it was due, not from when it went out: a server that
/// stalls delays every request scheduled behind it, and that delay is counted (no coordinated omission).
/// </summary>
internal sealed class OpenLoop(HttpClient http, Options options, IReadOnlyList<SeededUser> users)
{
    private readonly ConcurrentDictionary<(Guid User, Guid Conversation), long> _cursors = new();
    private int _inFlight;

    public async Task<PhaseResult> RunAsync(TimeSpan duration, bool record)
    {
        var total = (long)(duration.TotalSeconds * options.Rate);
        var latencies = new double[total];
        var lags = new double[total];
        var kinds = new string[total];
        var statuses = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        long notSent = 0;
        var pending = new List<Task>((int)Math.Min(total, 1_000_000));
        var random = new Random(record ? 7 : 3);
        var clock = new Stopwatch();

        // Each request leaves when it is due, from the pacer's own thread (see Pacer).
        void Start(long i, TimeSpan due)
        {
            if (Volatile.Read(ref _inFlight) >= options.MaxInFlight)
            {
                notSent++;
                latencies[i] = double.NaN;
                lags[i] = double.NaN;
                return;
            }

            var user = users[random.Next(users.Count)];
            var conversation = user.Conversations.Count == 0 ? Guid.Empty : user.Conversations[random.Next(user.Conversations.Count)];
            var kind = options.Scenario switch
            {
                "read" => "read",
                "send" => "send",
                "catchup" => "catchup",
                _ => random.Next(100) < options.ReadPercent ? "read" : "send",
            };
            kinds[i] = kind;
            Interlocked.Increment(ref _inFlight);
            pending.Add(MeasureAsync(kind, user, conversation, due, i));
        }

        async Task MeasureAsync(string kind, SeededUser user, Guid conversation, TimeSpan due, long index)
        {
            lags[index] = (clock.Elapsed - due).TotalMilliseconds;
            var status = await SendAsync(kind, user, conversation);
            latencies[index] = (clock.Elapsed - due).TotalMilliseconds;
            statuses.AddOrUpdate($"{kind}:{status}", 1, (_, n) => n + 1);
            Interlocked.Decrement(ref _inFlight);
        }

        var startedUtc = DateTime.UtcNow;
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        await Pacer.RunAsync(clock, total, options.Rate, Start, "LoadGen pacer");
        await Task.WhenAll(pending);
        return new PhaseResult(
            total,
            notSent,
            clock.Elapsed,
            latencies,
            lags,
            kinds,
            new Dictionary<string, long>(statuses),
            startedUtc,
            GC.GetTotalPauseDuration() - pausedBefore,
            Environment.CpuUsage.TotalTime - cpuBefore);
    }

    private async Task<string> SendAsync(string kind, SeededUser user, Guid conversation)
    {
        try
        {
            using var request = kind switch
            {
                "send" => new HttpRequestMessage(HttpMethod.Post, $"api/conversations/{conversation}/messages/")
                {
                    Content = new StringContent("{\"message_body\":\"a load generator message of a typical chat length\"}", Encoding.UTF8, "application/json"),
                },
                "catchup" => new HttpRequestMessage(HttpMethod.Get, $"api/conversations/{conversation}/messages/?ordering=sent_at&after_seq={_cursors.GetValueOrDefault((user.UserId, conversation))}"),
                _ => new HttpRequestMessage(HttpMethod.Get, $"api/conversations/{conversation}/messages/"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", user.AccessToken);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            if (kind == "catchup" && response.IsSuccessStatusCode)
            {
                await AdvanceCursorAsync(response, user, conversation);
            }
            else
            {
                await response.Content.LoadIntoBufferAsync();
            }

            return ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (HttpRequestException exception)
        {
            return $"error {exception.HttpRequestError}";
        }
        catch (TaskCanceledException)
        {
            return "timeout";
        }
    }

    /// <summary>Catch-up reads continue after the newest seq each (user, conversation) has seen.</summary>
    private async Task AdvanceCursorAsync(HttpResponseMessage response, SeededUser user, Guid conversation)
    {
        using var page = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync());
        var seen = page.RootElement.GetProperty("results").EnumerateArray().Select(m => m.GetProperty("seq").GetInt64()).DefaultIfEmpty(0).Max();
        if (seen > 0)
        {
            _cursors.AddOrUpdate((user.UserId, conversation), seen, (_, old) => Math.Max(old, seen));
        }
    }
}

/// <summary>What one phase (warmup or measured) sent and got back.</summary>
internal sealed record PhaseResult(
    long Scheduled,
    long NotSent,
    TimeSpan Took,
    double[] LatenciesMs,
    double[] SendLagsMs,
    string[] Kinds,
    Dictionary<string, long> Statuses,
    DateTime StartedUtc,
    TimeSpan OwnGcPause,
    TimeSpan OwnCpu);
