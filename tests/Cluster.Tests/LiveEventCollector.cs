using System.Net.Http.Headers;
using Messaging.Testing.Events;

namespace Cluster.Tests;

/// <summary>
/// A client that keeps one user's event stream open on one gateway, as an app would: it collects every
/// event and, whenever the stream breaks, reconnects with the last cursor it saw.
/// </summary>
public sealed class LiveEventCollector : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ServerSentEvent> _events = [];
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Task _loop;

    private LiveEventCollector(Uri gateway, string token)
    {
        _http = new HttpClient { BaseAddress = gateway, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Why the stream last broke, if it did.</summary>
    public Exception? LastError { get; private set; }

    /// <summary>Times the stream was opened again after it broke.</summary>
    public int Reconnects { get; private set; }

    public IReadOnlyList<ServerSentEvent> Events
    {
        get
        {
            lock (_events)
            {
                return [.. _events];
            }
        }
    }

    /// <summary>Starts collecting; returns once the first stream is open.</summary>
    public static async Task<LiveEventCollector> StartAsync(Uri gateway, string token)
    {
        var collector = new LiveEventCollector(gateway, token);
        try
        {
            await collector._connected.Task.WaitAsync(TimeSpan.FromSeconds(15));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"The event stream of {gateway} did not open: {collector.LastError}");
        }

        return collector;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        string? cursor = null;
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using var stream = await EventStreamReader.OpenAsync(_http, lastEventId: cursor);
                stream.Response.EnsureSuccessStatusCode();
                _connected.TrySetResult();
                while (!_stop.IsCancellationRequested)
                {
                    var next = await stream.NextOrNoneAsync(TimeSpan.FromMilliseconds(500));
                    if (next is null && stream.Ended)
                    {
                        break;
                    }

                    if (next is not null)
                    {
                        lock (_events)
                        {
                            _events.Add(next);
                        }

                        cursor = next.Id;
                    }
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or IOException or TaskCanceledException or TimeoutException)
            {
                LastError = exception;
                // The gateway or the silo behind it failed: reconnect with the cursor, as EventSource does.
            }

            if (!_stop.IsCancellationRequested)
            {
                Reconnects++;
                await Task.Delay(200);
            }
        }
    }
}
