using System.Collections.Concurrent;
using System.Net;
using System.Security.Authentication;
using Actors.Membership;
using Actors.Runtime;
using Actors.Storage;
using Actors.Transport;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Hosting;

/// <summary>
/// The silo's lifecycle. Start: apply the storage schema, bind the grain endpoint (Kestrel's socket
/// transport, served by <see cref="SiloConnectionHandler"/>), join the membership table as active,
/// then heartbeat, watch the other silos and collect idle activations. Stop: leave the active set,
/// finish calls in flight, deactivate (and so persist) every activation, and mark the silo dead.
/// </summary>
internal sealed partial class SiloHost : IHostedService, ISiloStatus, IAsyncDisposable
{
    private readonly IStorageSchema _schema;
    private readonly IMembershipTable _table;
    private readonly MembershipView _view;
    private readonly Catalog _catalog;
    private readonly SiloIdentity _identity;
    private readonly SiloConnectionHandler _handler;
    private readonly ConnectionPool _connections;
    private readonly TransportSecurity _security;
    private readonly SiloOptions _options;
    private readonly MembershipOptions _membership;
    private readonly TimeProvider _time;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger<SiloHost> _logger;
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, ConnectionContext> _inbound = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _loops = [];
    private IConnectionListener? _listener;
    private DateTimeOffset _startedAt;
    private long _lastHeartbeat;
    private volatile bool _killed;

    public SiloHost(
        IStorageSchema schema,
        IMembershipTable table,
        MembershipView view,
        Catalog catalog,
        SiloIdentity identity,
        SiloConnectionHandler handler,
        ConnectionPool connections,
        TransportSecurity security,
        IOptions<SiloOptions> options,
        IOptions<MembershipOptions> membership,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggerFactory)
    {
        _schema = schema;
        _table = table;
        _view = view;
        _catalog = catalog;
        _identity = identity;
        _handler = handler;
        _connections = connections;
        _security = security;
        _options = options.Value;
        _membership = membership.Value;
        _time = time;
        _lifetime = lifetime;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<SiloHost>();
    }

    public string SiloId => _identity.SiloId;

    public int Port => _identity.Port;

    public int ActivationCount => _catalog.Count;

    public bool IsServing => _listener is not null && !_stopping.IsCancellationRequested && !_killed
        && _view.Current.Silos.Any(s => s.Entry.SiloId == SiloId);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _schema.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);

        var factory = new SocketTransportFactory(Options.Create(new SocketTransportOptions()), _loggerFactory);
        _listener = await factory.BindAsync(new IPEndPoint(IPAddress.Parse(_options.ListenAddress), _options.Port), cancellationToken).ConfigureAwait(false);
        _identity.Port = ((IPEndPoint)_listener.EndPoint).Port;
        _loops.Add(Task.Run(AcceptLoopAsync, CancellationToken.None));

        _startedAt = _time.GetUtcNow();
        await _table.UpsertAsync(Entry(SiloStatus.Active, _startedAt), cancellationToken).ConfigureAwait(false);
        _lastHeartbeat = _time.GetTimestamp();
        _view.Changed += OnMembershipChanged;
        await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
        LogStarted(_logger, SiloId, _identity.Host, _identity.Port);

        _loops.Add(Task.Run(MembershipLoopAsync, CancellationToken.None));
        _loops.Add(Task.Run(IdleCollectionLoopAsync, CancellationToken.None));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_killed || _stopping.IsCancellationRequested)
        {
            return;
        }

        LogStopping(_logger, SiloId);
        try
        {
            // Leave the active set first, so callers refresh and send new calls to the next owners.
            await _table.SetStatusAsync(SiloId, SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
            await _view.RefreshAsync(cancellationToken).ConfigureAwait(false);
            await _catalog.DeactivateAllAsync(cancellationToken).ConfigureAwait(false);
            await _table.SetStatusAsync(SiloId, SiloStatus.Dead, cancellationToken).ConfigureAwait(false);

            // No new connections; callers on open ones are told to go and answered until they have.
            await _listener!.UnbindAsync(cancellationToken).ConfigureAwait(false);
            await _handler.DrainAsync(DrainTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogGracefulStopFailed(_logger, SiloId, ex);
        }

        await ShutDownAsync().ConfigureAwait(false);
    }

    /// <summary>Stops at once, as if the process died: no deactivation, no membership update.</summary>
    public async Task KillAsync()
    {
        _killed = true;
        _catalog.StopAccepting();
        await ShutDownAsync().ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await ShutDownAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ShutDownAsync()
    {
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        _view.Changed -= OnMembershipChanged;
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.UnbindAsync().ConfigureAwait(false);
        }

        foreach (var connection in _inbound.Values)
        {
            connection.Abort();
        }

        await Task.WhenAll(_loops).ConfigureAwait(false);
        if (_listener is not null)
        {
            await _listener.DisposeAsync().ConfigureAwait(false);
        }

        await _connections.DisposeAsync().ConfigureAwait(false);
    }

    private SiloEntry Entry(SiloStatus status, DateTimeOffset heartbeat) =>
        new(SiloId, _identity.Host, _identity.Port, status, _startedAt, heartbeat);

    private void OnMembershipChanged(MembershipSnapshot snapshot)
    {
        LogMembershipChanged(_logger, SiloId, string.Join(", ", snapshot.Silos.Select(s => s.Entry.SiloId)));
        _catalog.DeactivateUnowned();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            ConnectionContext? connection;
            try
            {
                connection = await _listener!.AcceptAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            if (connection is null)
            {
                break;
            }

            _inbound[connection.ConnectionId] = connection;
            _ = ServeAsync(connection);
        }
    }

    private async Task ServeAsync(ConnectionContext connection)
    {
        try
        {
            if (_security.Enabled)
            {
                await using var tls = await _security.AuthenticateAsServerAsync(new DuplexStream(connection.Transport), connection.ConnectionClosed).ConfigureAwait(false);
                await _handler.ServeAsync(new StreamDuplexPipe(tls), connection.ConnectionId, connection.ConnectionClosed).ConfigureAwait(false);
            }
            else
            {
                await _handler.OnConnectedAsync(connection).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is AuthenticationException or IOException or OperationCanceledException)
        {
            LogRefusedConnection(_logger, SiloId, connection.RemoteEndPoint?.ToString() ?? "?", ex.Message);
        }
        finally
        {
            _inbound.TryRemove(connection.ConnectionId, out _);
            await connection.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task MembershipLoopAsync()
    {
        using var timer = new PeriodicTimer(_membership.HeartbeatPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                await HeartbeatAsync().ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private async Task HeartbeatAsync()
    {
        try
        {
            if (!await _table.HeartbeatAsync(SiloId, _time.GetUtcNow(), _stopping.Token).ConfigureAwait(false))
            {
                Fence("the other silos declared it dead");
                return;
            }

            _lastHeartbeat = _time.GetTimestamp();
            await _view.RefreshAsync(_stopping.Token).ConfigureAwait(false);
            var now = _time.GetUtcNow();
            var declared = false;
            foreach (var silo in _view.LastRows)
            {
                if (silo.SiloId != SiloId && silo.Status is SiloStatus.Active or SiloStatus.Joining or SiloStatus.ShuttingDown
                    && now - silo.HeartbeatAt > _membership.SuspicionTimeout)
                {
                    LogDeclaringDead(_logger, SiloId, silo.SiloId, now - silo.HeartbeatAt);
                    await _table.SetStatusAsync(silo.SiloId, SiloStatus.Dead, _stopping.Token).ConfigureAwait(false);
                    declared = true;
                }
            }

            declared |= await ProbePeersAsync().ConfigureAwait(false);
            if (declared)
            {
                await _view.RefreshAsync(_stopping.Token).ConfigureAwait(false);
            }

            await _table.DeleteDeadAsync(now - TimeSpan.FromHours(1), _stopping.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogHeartbeatFailed(_logger, SiloId, ex.Message);
            if (_time.GetElapsedTime(_lastHeartbeat) > _membership.SuspicionTimeout)
            {
                Fence("it could not renew its heartbeat within the suspicion timeout");
            }
        }
    }

    /// <summary>
    /// A killed silo's endpoint refuses connections at once, long before its heartbeat goes stale:
    /// declaring it dead then shortens the time its grains are unreachable from the suspicion timeout
    /// to about one heartbeat period. A peer that is slow or unreachable is left to the heartbeat rule.
    /// </summary>
    private async Task<bool> ProbePeersAsync()
    {
        var peers = _view.Current.Silos.Select(s => s.Entry).Where(s => s.SiloId != SiloId).ToList();
        var refused = await Task.WhenAll(peers.Select(p => _connections.RefusesConnectionsAsync(p, _membership.HeartbeatPeriod))).ConfigureAwait(false);
        var declared = false;
        for (var i = 0; i < peers.Count; i++)
        {
            if (refused[i])
            {
                LogPeerRefuses(_logger, SiloId, peers[i].SiloId, peers[i].Host, peers[i].Port);
                await _table.SetStatusAsync(peers[i].SiloId, SiloStatus.Dead, _stopping.Token).ConfigureAwait(false);
                declared = true;
            }
        }

        return declared;
    }

    private void Fence(string reason)
    {
        LogFenced(_logger, SiloId, reason);
        _catalog.StopAccepting();
        _killed = true;
        _lifetime.StopApplication();
    }

    private async Task IdleCollectionLoopAsync()
    {
        using var timer = new PeriodicTimer(_options.IdleCollectionPeriod, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_stopping.Token).ConfigureAwait(false))
            {
                _catalog.CollectIdle(_options.IdleCollectionAge);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} closed a grain connection from {Peer}: {Reason}")]
    private static partial void LogRefusedConnection(ILogger logger, string siloId, string peer, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is active on {Host}:{Port}")]
    private static partial void LogStarted(ILogger logger, string siloId, string host, int port);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} is stopping: leaving the cluster and deactivating its grains")]
    private static partial void LogStopping(ILogger logger, string siloId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} could not stop gracefully")]
    private static partial void LogGracefulStopFailed(ILogger logger, string siloId, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloId} sees active silos: {Silos}")]
    private static partial void LogMembershipChanged(ILogger logger, string siloId, string silos);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} declares silo {DeadSiloId} dead: no heartbeat for {Silence}")]
    private static partial void LogDeclaringDead(ILogger logger, string siloId, string deadSiloId, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} declares silo {DeadSiloId} dead: its endpoint {Host}:{Port} refuses connections")]
    private static partial void LogPeerRefuses(ILogger logger, string siloId, string deadSiloId, string host, int port);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {SiloId} could not renew its heartbeat: {Reason}")]
    private static partial void LogHeartbeatFailed(ILogger logger, string siloId, string reason);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Silo {SiloId} stops serving because {Reason}")]
    private static partial void LogFenced(ILogger logger, string siloId, string reason);
}
