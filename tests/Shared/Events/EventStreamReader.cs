using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Messaging.Testing.Events;

/// <summary>
/// A client of <c>GET /api/events/</c> that parses the Server-Sent Events it receives; every read is
/// bounded by a timeout, so that a missing event fails the test instead of hanging it.
/// </summary>
public sealed class EventStreamReader : IAsyncDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private Task<string?>? _pendingLine;
    private string? _id, _type, _data; // the event being read, kept across a timeout

    private EventStreamReader(HttpResponseMessage response, Stream body)
    {
        _response = response;
        _reader = new StreamReader(body, Encoding.UTF8);
    }

    public HttpResponseMessage Response => _response;

    /// <summary>True once the server ended the stream.</summary>
    public bool Ended { get; private set; }

    /// <summary>Comment lines seen so far (keep-alives).</summary>
    public List<string> Comments { get; } = [];

    /// <summary>Opens the stream; the response's status is not checked (see <see cref="Response"/>).</summary>
    public static async Task<EventStreamReader> OpenAsync(HttpClient client, string url = "/api/events/", string? lastEventId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
        if (lastEventId is not null)
        {
            request.Headers.TryAddWithoutValidation("Last-Event-ID", lastEventId);
        }

        using var timeout = new CancellationTokenSource(DefaultTimeout);
        var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        return new EventStreamReader(response, await response.Content.ReadAsStreamAsync(timeout.Token));
    }

    /// <summary>The next event; fails if none arrives within the timeout, null if the server ended the stream.</summary>
    public async Task<ServerSentEvent?> NextAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? DefaultTimeout);
        while (true)
        {
            var line = await ReadLineAsync(deadline);
            if (line is null)
            {
                Ended = true;
                return null;
            }

            if (line.Length == 0)
            {
                var (id, type, data) = (_id, _type, _data);
                (_id, _type, _data) = (null, null, null);
                if (data is not null)
                {
                    return new ServerSentEvent(id, type ?? "message", JsonDocument.Parse(data).RootElement.Clone());
                }

                continue;
            }

            if (line.StartsWith(':'))
            {
                Comments.Add(line);
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                _id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                _type = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                _data = line[6..];
            }
        }
    }

    /// <summary>The next events, in order, until <paramref name="count"/> have arrived.</summary>
    public async Task<List<ServerSentEvent>> NextAsync(int count)
    {
        var events = new List<ServerSentEvent>();
        while (events.Count < count)
        {
            events.Add(await NextAsync() ?? throw new InvalidOperationException($"The stream ended after {events.Count} of {count} events."));
        }

        return events;
    }

    /// <summary>Waits <paramref name="period"/> and returns whatever event arrived (null: none).</summary>
    public async Task<ServerSentEvent?> NextOrNoneAsync(TimeSpan period)
    {
        try
        {
            return await NextAsync(period);
        }
        catch (TimeoutException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _response.Dispose();
        _reader.Dispose();
        if (_pendingLine is not null)
        {
            try
            {
                await _pendingLine;
            }
            catch (Exception exception) when (exception is IOException or ObjectDisposedException or OperationCanceledException)
            {
                // The stream was closed under the pending read.
            }
        }
    }

    private async Task<string?> ReadLineAsync(DateTime deadline)
    {
        _pendingLine ??= _reader.ReadLineAsync();
        var remaining = deadline - DateTime.UtcNow;
        if (remaining <= TimeSpan.Zero || await Task.WhenAny(_pendingLine, Task.Delay(remaining)) != _pendingLine)
        {
            throw new TimeoutException("No event arrived in time.");
        }

        var line = await _pendingLine;
        _pendingLine = null;
        return line;
    }
}
