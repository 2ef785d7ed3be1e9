using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net.Sockets;
using Actors.Serialization;

namespace Actors.Transport;

/// <summary>
/// One outbound TCP connection to a silo: many calls multiplexed by correlation id. When it breaks,
/// every pending call fails at once and the pool connects afresh on the next call.
/// </summary>
internal sealed class SiloConnection : IAsyncDisposable
{
    private readonly ConcurrentDictionary<long, TaskCompletionSource<Frame>> _pending = new();
    private readonly Lock _gate = new();
    private readonly Socket _socket;
    private readonly PipeReader _input;
    private readonly FrameWriter _writer;
    private readonly Task _reading;
    private long _nextCorrelationId;
    private volatile bool _closed;
    private bool _goingAway;
    private int _disposed;

    private SiloConnection(string siloId, Socket socket, Stream stream)
    {
        SiloId = siloId;
        _socket = socket;
        _input = PipeReader.Create(stream);
        _writer = new FrameWriter(PipeWriter.Create(stream));
        _reading = Task.Run(ReadLoopAsync);
    }

    public string SiloId { get; }

    public bool IsClosed => _closed;

    public static async Task<SiloConnection> ConnectAsync(
        string siloId, string host, int port, TimeSpan timeout, TransportSecurity security, CancellationToken cancellationToken)
    {
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var connectTimeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            connectTimeout.CancelAfter(timeout);
            await socket.ConnectAsync(host, port, connectTimeout.Token).ConfigureAwait(false);
            Stream stream = new NetworkStream(socket, ownsSocket: true);
            if (security.Enabled)
            {
                stream = await security.AuthenticateAsClientAsync(stream, host, cancellationToken).ConfigureAwait(false);
            }

            return new SiloConnection(siloId, socket, stream);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public long NextCorrelationId() => Interlocked.Increment(ref _nextCorrelationId);

    /// <summary>Queues a request frame; the task completes with the response frame.</summary>
    public Task<Frame> SendAsync(long correlationId, GrowableBuffer frame)
    {
        var response = new TaskCompletionSource<Frame>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            // Checked under the gate, so that a connection never closes with a request on its way out.
            if (_closed)
            {
                throw new SiloUnavailableException($"The connection to silo {SiloId} is closed.");
            }

            _pending[correlationId] = response;
        }

        if (!_writer.TryEnqueue(frame))
        {
            _pending.TryRemove(correlationId, out _);
            throw new SiloUnavailableException($"The connection to silo {SiloId} is closed.");
        }

        return response.Task;
    }

    /// <summary>Forgets a call that timed out.</summary>
    public void Abandon(long correlationId) => _pending.TryRemove(correlationId, out _);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _closed = true;
        _writer.Complete();
        try
        {
            _socket.Shutdown(SocketShutdown.Both);
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        await _reading.ConfigureAwait(false);
        _socket.Dispose();
    }

    /// <summary>After a GoAway, closes our sending side once every pending call is answered; the silo then closes too.</summary>
    private void CloseIfDrained()
    {
        lock (_gate)
        {
            if (!_goingAway || !_pending.IsEmpty)
            {
                return;
            }

            _goingAway = false;
        }

        _writer.Complete();
    }

    private async Task ReadLoopAsync()
    {
        Exception? failure = null;
        try
        {
            while (true)
            {
                var result = await _input.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                while (FrameCodec.TryRead(ref buffer, out var frame))
                {
                    if (frame.Kind == FrameKind.GoAway)
                    {
                        lock (_gate)
                        {
                            _closed = true;
                            _goingAway = true;
                        }
                    }
                    else if (_pending.TryRemove(frame.CorrelationId, out var response))
                    {
                        response.TrySetResult(frame);
                    }

                    CloseIfDrained();
                }

                _input.AdvanceTo(buffer.Start, buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException or InvalidDataException or OperationCanceledException)
        {
            failure = ex;
        }
        finally
        {
            _closed = true;
            _writer.Complete();
            await _input.CompleteAsync().ConfigureAwait(false);
            var lost = new GrainCallException($"The connection to silo {SiloId} was lost; the call's outcome is unknown.", failure ?? new EndOfStreamException());
            foreach (var id in _pending.Keys)
            {
                if (_pending.TryRemove(id, out var response))
                {
                    response.TrySetException(lost);
                }
            }
        }
    }
}
