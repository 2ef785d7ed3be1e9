using System.Collections.Concurrent;
using System.Net.Sockets;
using Actors.Membership;

namespace Actors.Transport;

/// <summary>One connection per peer silo, made on first use and made again after it breaks.</summary>
internal sealed class ConnectionPool(TransportSecurity security) : IAsyncDisposable
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, Lazy<Task<SiloConnection>>> _connections = new();

    public async Task<SiloConnection> GetAsync(SiloEntry silo, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var entry = _connections.GetOrAdd(
                silo.SiloId,
                _ => new Lazy<Task<SiloConnection>>(() => SiloConnection.ConnectAsync(silo.SiloId, silo.Host, silo.Port, ConnectTimeout, security, CancellationToken.None)));
            try
            {
                var connection = await entry.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
                if (!connection.IsClosed)
                {
                    return connection;
                }

                _connections.TryRemove(new KeyValuePair<string, Lazy<Task<SiloConnection>>>(silo.SiloId, entry));
                if (attempt > 0)
                {
                    throw new SiloUnavailableException($"Silo {silo.SiloId} keeps closing connections.");
                }
            }
            catch (Exception ex) when (ex is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                _connections.TryRemove(new KeyValuePair<string, Lazy<Task<SiloConnection>>>(silo.SiloId, entry));
                throw new SiloUnavailableException($"Silo {silo.SiloId} at {silo.Host}:{silo.Port} could not be reached.", ex);
            }
        }
    }

    /// <summary>
    /// Whether the silo's endpoint refuses connections: nothing listens there, so the process that
    /// registered it is gone. A timeout or any other failure proves nothing and answers false.
    /// </summary>
    public async Task<bool> RefusesConnectionsAsync(SiloEntry silo, TimeSpan timeout)
    {
        using var probe = new CancellationTokenSource(timeout);
        try
        {
            await GetAsync(silo, probe.Token).ConfigureAwait(false);
            return false;
        }
        catch (SiloUnavailableException ex)
        {
            return ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused };
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in _connections.Values)
        {
            if (entry.IsValueCreated && entry.Value.IsCompletedSuccessfully)
            {
                await entry.Value.Result.DisposeAsync().ConfigureAwait(false);
            }
        }

        _connections.Clear();
    }
}
