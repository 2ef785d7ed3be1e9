using System.Buffers;
using System.IO.Pipelines;
using System.Threading.Channels;
using Actors.Serialization;

namespace Actors.Transport;

/// <summary>
/// Serializes writers onto one connection: frames are queued by any thread and a single loop copies
/// everything queued into the pipe, then flushes once.
/// </summary>
internal sealed class FrameWriter
{
    private readonly Channel<GrowableBuffer> _frames =
        Channel.CreateUnbounded<GrowableBuffer>(new UnboundedChannelOptions { SingleReader = true });

    private readonly PipeWriter _output;

    public FrameWriter(PipeWriter output)
    {
        _output = output;
        Completion = Task.Run(RunAsync);
    }

    /// <summary>Ends when the writer was completed and its frames written, or the pipe failed.</summary>
    public Task Completion { get; }

    public bool TryEnqueue(GrowableBuffer frame) => _frames.Writer.TryWrite(frame);

    public void Complete() => _frames.Writer.TryComplete();

    private async Task RunAsync()
    {
        var reader = _frames.Reader;
        try
        {
            while (await reader.WaitToReadAsync().ConfigureAwait(false))
            {
                while (reader.TryRead(out var frame))
                {
                    _output.Write(frame.WrittenSpan);
                }

                var result = await _output.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
        {
            // The peer went away; the reading side notices and fails what is pending.
        }
        finally
        {
            _frames.Writer.TryComplete();
            await _output.CompleteAsync().ConfigureAwait(false);
        }
    }
}
