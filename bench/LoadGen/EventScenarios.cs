using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Messaging.Testing.Events;

namespace LoadGen;

/// <summary>
/// The live-event scenarios. <c>streams</c>: many idle event streams on one gateway, for its memory per
/// stream. <c>fanout</c>: one conversation of many participants, each with a stream (spread over the
/// gateways given), receiving messages at a fixed rate; latency from each send's acknowledgement to the
/// message's arrival at every stream.
/// </summary>
internal static class EventScenarios
{

    public static async Task<EventReport> StreamsAsync(Options options, IReadOnlyList<SeededUser> users)
    {
        using var http = new Pool(options.BaseUrl);
        var before = await SettledRssKibAsync(options.ServerPid);
        var readers = new EventStreamReader?[options.Streams];
        var failures = 0;
        await Parallel.ForAsync(0, options.Streams, new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, _) =>
        {
            try
            {
                var reader = await EventStreamReader.OpenAsync(WithToken(http, users[i % users.Count]), "api/events/");
                if (reader.Response.IsSuccessStatusCode)
                {
                    readers[i] = reader;
                }
                else
                {
                    Interlocked.Increment(ref failures);
                    await reader.DisposeAsync();
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TimeoutException or TaskCanceledException)
            {
                Interlocked.Increment(ref failures);
            }
        });

        var open = readers.Count(r => r is not null);
        double? cores = null;
        long? after = null;
        if (options.ServerPid is { } pid)
        {
            await using var sampler = new ServerSampler(pid);
            after = await SettledRssKibAsync(pid, options.Duration);
            cores = sampler.CoresUsed();
        }
        else
        {
            await Task.Delay(options.Duration);
        }

        var stillOpen = readers.Count(r => r is not null && !r.Ended);
        foreach (var reader in readers.OfType<EventStreamReader>())
        {
            await reader.DisposeAsync();
        }

        return new EventReport("streams", open, failures + (open - stillOpen), null, null, before / 1024.0, after / 1024.0,
            before is { } b && after is { } a && open > 0 ? (double)(a - b) / open : null, cores, null, 0, 0, 0);
    }

    public static async Task<EventReport> FanOutAsync(Options options, IReadOnlyList<SeededUser> users)
    {
        var gateways = options.Gateways.Select(url => new Pool(url)).ToList();
        var owner = users[0];
        var conversation = await CreateConversationAsync(gateways[0], owner, users.Skip(1).Select(u => u.UserId));

        var arrivals = new ConcurrentBag<(int Message, long At)>();
        using var stop = new CancellationTokenSource();
        var streams = new List<EventStreamReader>();
        for (var i = 0; i < users.Count; i++)
        {
            streams.Add(await EventStreamReader.OpenAsync(WithToken(gateways[i % gateways.Count], users[i]), "api/events/"));
        }

        var listeners = streams.Select(stream => Task.Run(() => ListenAsync(stream, arrivals, stop.Token))).ToList();
        var total = (int)(options.Duration.TotalSeconds * options.Rate);
        var acks = new long[total];
        var sendLatencies = new double[total];
        var sender = WithToken(gateways[0], owner);
        var statuses = new ConcurrentDictionary<string, long>(StringComparer.Ordinal);
        await using var sampler = options.ServerPid is { } pid ? new ServerSampler(pid) : null;
        var clock = new Stopwatch();
        var sends = new List<Task>(total);

        // Each message leaves when it is due, from the pacer's own thread (see Pacer).
        async Task SendAsync(int message, TimeSpan due)
        {
            using var response = await sender.PostAsJsonAsync($"api/conversations/{conversation}/messages/", new { message_body = $"fanout-{message}" });
            acks[message] = Stopwatch.GetTimestamp();
            sendLatencies[message] = (clock.Elapsed - due).TotalMilliseconds;
            statuses.AddOrUpdate(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture), 1, (_, c) => c + 1);
        }

        await Pacer.RunAsync(clock, total, options.Rate, (n, due) => sends.Add(SendAsync((int)n, due)), "LoadGen fan-out pacer");
        await Task.WhenAll(sends);
        var cores = sampler?.CoresUsed();
        var peak = sampler?.PeakRssKib;
        await Task.Delay(TimeSpan.FromSeconds(5));
        await stop.CancelAsync();
        await Task.WhenAll(listeners);
        foreach (var stream in streams)
        {
            await stream.DisposeAsync();
        }

        var delivered = arrivals.ToList();
        var early = delivered.Count(d => d.At < acks[d.Message]);
        var latencies = delivered.Select(d => Math.Max(0, Stopwatch.GetElapsedTime(acks[d.Message], d.At).TotalMilliseconds));
        return new EventReport(
            "fanout", users.Count, statuses.Where(s => s.Key != "201").Sum(s => s.Value), Percentiles.Of(sendLatencies), Percentiles.Of(latencies),
            null, peak / 1024.0, null, cores, options.Rate, total, (long)total * users.Count - delivered.Count, early)
        {
            Statuses = new Dictionary<string, long>(statuses),
        };
    }

    private static async Task ListenAsync(EventStreamReader stream, ConcurrentBag<(int, long)> arrivals, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested && !stream.Ended)
        {
            if (await stream.NextOrNoneAsync(TimeSpan.FromMilliseconds(500)) is { Type: "message.created" } created
                && created.String("message_body") is { } body && body.StartsWith("fanout-", StringComparison.Ordinal))
            {
                arrivals.Add((int.Parse(body.AsSpan(7), CultureInfo.InvariantCulture), Stopwatch.GetTimestamp()));
            }
        }
    }

    private static async Task<Guid> CreateConversationAsync(Pool gateway, SeededUser owner, IEnumerable<Guid> participants)
    {
        using var http = WithToken(gateway, owner);
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/conversations/")
        {
            Content = JsonContent.Create(new { participants = participants.ToArray(), title = "fan-out" }),
        };
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("conversation_id").GetGuid();
    }

    /// <summary>A client with the user's token, over the gateway's shared connection pool.</summary>
    private static HttpClient WithToken(Pool gateway, SeededUser user)
    {
        var client = new HttpClient(gateway.Handler, disposeHandler: false) { BaseAddress = gateway.BaseUrl, Timeout = Timeout.InfiniteTimeSpan };
        client.DefaultRequestHeaders.Authorization = new("Bearer", user.AccessToken);
        return client;
    }

    /// <summary>One gateway's connections (one per open stream), shared by the clients of every user.</summary>
    private sealed class Pool(Uri baseUrl) : IDisposable
    {
        public Uri BaseUrl { get; } = baseUrl;

        public SocketsHttpHandler Handler { get; } = new() { MaxConnectionsPerServer = int.MaxValue, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };

        public void Dispose() => Handler.Dispose();
    }

    /// <summary>Resident memory once it has stopped moving (three samples a second apart within 2%).</summary>
    private static async Task<long?> SettledRssKibAsync(int? pid, TimeSpan? atLeast = null)
    {
        if (pid is null)
        {
            return null;
        }

        await Task.Delay(atLeast ?? TimeSpan.FromSeconds(2));
        var samples = new List<long>();
        for (var i = 0; i < 30; i++)
        {
            samples.Add(ServerSampler.RssKibOf(pid.Value));
            if (samples.Count >= 3 && samples.TakeLast(3).Max() - samples.TakeLast(3).Min() < samples[^1] / 50)
            {
                break;
            }

            await Task.Delay(1000);
        }

        return samples[^1];
    }
}
