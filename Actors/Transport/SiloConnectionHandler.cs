using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Actors.Transport;

/// <summary>
/// Serves grain calls on one inbound connection (from a silo or a client): reads request frames, runs
/// each without waiting for the previous one, and queues its response on the connection's writer.
/// </summary>
internal sealed partial class SiloConnectionHandler(IncomingCallHandler calls, ILogger<SiloConnectionHandler> logger) : ConnectionHandler
{
    private readonly ConcurrentDictionary<string, (FrameWriter Writer, TaskCompletionSource Ended)> _connections = new();

    /// <summary>
    /// Tells every connected caller that this silo is going away, then waits until each has answered
    /// its pending calls and closed its side (or until <paramref name="timeout"/>). Calls that arrive
    /// meanwhile are still read and answered (by then with "moved"), so none is left without an answer.
    /// </summary>
    public async Task DrainAsync(TimeSpan timeout)
    {
        var connections = _connections.Values.ToList();
        foreach (var (writer, _) in connections)
        {
            writer.TryEnqueue(FrameCodec.GoAway());
        }

        await Task.WhenAll(connections.Select(c => c.Ended.Task)).WaitAsync(timeout).ConfigureAwait(false);
    }

    public override Task OnConnectedAsync(ConnectionContext connection) =>
        ServeAsync(connection.Transport, connection.ConnectionId, connection.ConnectionClosed);

    /// <summary>Serves one connection's requests, over its raw pipes or over TLS on them.</summary>
    public async Task ServeAsync(IDuplexPipe transport, string connectionId, CancellationToken closed)
    {
        var writer = new FrameWriter(transport.Output);
        var input = transport.Input;
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _connections[connectionId] = (writer, ended);
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(closed).ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameCodec.TryRead(ref buffer, out var frame))
                {
                    if (frame.Kind == FrameKind.Request)
                    {
                        _ = RespondAsync(frame, writer);
                    }
                }

                input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidDataException)
        {
            LogConnectionEnded(logger, connectionId, ex.Message);
        }
        finally
        {
            writer.Complete();
            await input.CompleteAsync().ConfigureAwait(false);
            await writer.Completion.ConfigureAwait(false);
            _connections.TryRemove(connectionId, out _);
            ended.TrySetResult();
        }
    }

    private async Task RespondAsync(Frame request, FrameWriter writer)
    {
        var response = await calls.HandleAsync(request).ConfigureAwait(false);
        writer.TryEnqueue(response);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Grain connection {ConnectionId} ended: {Reason}")]
    private static partial void LogConnectionEnded(ILogger logger, string connectionId, string reason);
}
