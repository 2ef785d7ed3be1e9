using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Actors.Transport;

/// <summary>
/// Serves grain calls on one inbound connection (from a silo or a client): reads request frames, runs
/// each without waiting for the previous one, and queues its response on the connection's writer.
/// </summary>
internal sealed partial class SiloConnectionHandler(IncomingCallHandler calls, ILogger<SiloConnectionHandler> logger) : ConnectionHandler
{
    public override async Task OnConnectedAsync(ConnectionContext connection)
    {
        var writer = new FrameWriter(connection.Transport.Output);
        var input = connection.Transport.Input;
        try
        {
            while (true)
            {
                var result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
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
            LogConnectionEnded(logger, connection.ConnectionId, ex.Message);
        }
        finally
        {
            writer.Complete();
            await input.CompleteAsync().ConfigureAwait(false);
            await writer.Completion.ConfigureAwait(false);
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
