using Actors.Hosting;
using Actors.Membership;
using Actors.Serialization;
using Actors.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Actors.Runtime;

/// <summary>
/// Routes grain calls: picks the owner by rendezvous placement over the active silos, takes the local
/// path (no serialization) when that is this silo, and otherwise sends a frame over the peer's
/// connection. A call that certainly did not run (moved, stale activation, silo unreachable) is
/// retried after the view is refreshed, until the call timeout; one whose outcome is unknown is not.
/// </summary>
internal sealed partial class GrainCallRouter : IGrainFactory
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMilliseconds(500);

    private readonly MembershipView _view;
    private readonly ConnectionPool _connections;
    private readonly GrainSerializer _serializer;
    private readonly GrainCallOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<GrainCallRouter> _logger;
    private readonly Catalog? _catalog;
    private readonly string? _localSiloId;

    public GrainCallRouter(
        MembershipView view,
        ConnectionPool connections,
        GrainSerializer serializer,
        IOptions<GrainCallOptions> options,
        TimeProvider time,
        ILogger<GrainCallRouter> logger,
        Catalog? catalog = null,
        SiloIdentity? identity = null)
    {
        _view = view;
        _connections = connections;
        _serializer = serializer;
        _options = options.Value;
        _time = time;
        _logger = logger;
        _catalog = catalog;
        _localSiloId = identity?.SiloId;
    }

    public TGrainInterface GetGrain<TGrainInterface>(Guid key)
        where TGrainInterface : IGrainWithGuidKey =>
        CreateReference<TGrainInterface>(key.ToString("D"));

    public TGrainInterface GetGrain<TGrainInterface>(string key)
        where TGrainInterface : IGrainWithStringKey =>
        CreateReference<TGrainInterface>(key);

    public async Task<object?> InvokeAsync(GrainId grainId, GrainMethod method, object?[] arguments)
    {
        var started = _time.GetTimestamp();
        var backoff = TimeSpan.FromMilliseconds(20);
        for (var attempt = 1; ; attempt++)
        {
            var remaining = _options.CallTimeout - _time.GetElapsedTime(started);
            if (remaining <= TimeSpan.Zero)
            {
                throw new GrainCallException($"Call to {grainId}.{method.Name} timed out after {_options.CallTimeout.TotalSeconds:0.#} s.");
            }

            try
            {
                var owner = RendezvousPlacement.PickOwner(grainId, _view.Current.Silos)
                    ?? throw new SiloUnavailableException("No active silo is known.");
                if (_catalog is not null && owner.SiloId == _localSiloId)
                {
                    return await _catalog.InvokeAsync(grainId, method, arguments).WaitAsync(remaining, _time).ConfigureAwait(false);
                }

                return await InvokeRemoteAsync(owner, grainId, method, arguments, remaining).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SiloUnavailableException or InconsistentStateException)
            {
                LogRetrying(_logger, grainId, method.Name, attempt, ex.Message);
                await _view.RefreshAsync(CancellationToken.None).ConfigureAwait(false);
                if (attempt > 1)
                {
                    await Task.Delay(backoff, _time).ConfigureAwait(false);
                    backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                }
            }
            catch (TimeoutException)
            {
                throw new GrainCallException($"Call to {grainId}.{method.Name} timed out after {_options.CallTimeout.TotalSeconds:0.#} s.");
            }
        }
    }

    private TGrainInterface CreateReference<TGrainInterface>(string key)
    {
        var info = GrainInterfaceInfo.For(typeof(TGrainInterface));
        return GrainReference.Create<TGrainInterface>(this, info, new GrainId(info.GrainType, key));
    }

    private async Task<object?> InvokeRemoteAsync(SiloEntry owner, GrainId grainId, GrainMethod method, object?[] arguments, TimeSpan timeout)
    {
        var connection = await _connections.GetAsync(owner, CancellationToken.None).WaitAsync(timeout, _time).ConfigureAwait(false);
        var correlationId = connection.NextCorrelationId();
        var request = new GrowableBuffer();
        FrameCodec.BeginRequest(request, correlationId, grainId, method.Name);
        _serializer.WriteArguments(request, method, arguments);
        FrameCodec.Complete(request);

        Frame response;
        try
        {
            response = await connection.SendAsync(correlationId, request).WaitAsync(timeout, _time).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            connection.Abandon(correlationId);
            throw;
        }

        switch (response.Status)
        {
            case ResponseStatus.Ok:
                return _serializer.ReadResult(method, response.Payload.Span);
            case ResponseStatus.DomainError:
                var error = _serializer.ReadError(response.Payload.Span);
                throw GrainException.Create(error.Kind ?? GrainErrorKind.Invalid, error.Message, error.Errors);
            case ResponseStatus.Moved:
            case ResponseStatus.Retry:
                throw new SiloUnavailableException($"Silo {owner.SiloId} answered {response.Status} for {grainId}.");
            default:
                throw new GrainCallException($"Call to {grainId}.{method.Name} failed on silo {owner.SiloId}: {_serializer.ReadError(response.Payload.Span).Message}");
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Retrying call to {GrainId}.{Method} (attempt {Attempt}): {Reason}")]
    private static partial void LogRetrying(ILogger logger, GrainId grainId, string method, int attempt, string reason);
}
