using Actors.Runtime;
using Actors.Serialization;
using Microsoft.Extensions.Logging;

namespace Actors.Transport;

/// <summary>Runs a call that arrived over the wire on this silo's catalog and encodes the response frame.</summary>
internal sealed partial class IncomingCallHandler(
    Catalog catalog,
    GrainTypeRegistry registry,
    GrainSerializer serializer,
    ILogger<IncomingCallHandler> logger)
{
    public async Task<GrowableBuffer> HandleAsync(Frame request)
    {
        var response = new GrowableBuffer();
        var grainId = new GrainId(request.GrainType, request.GrainKey);
        try
        {
            if (!registry.TryGet(request.GrainType, out var info, out _) || !info.TryGetMethod(request.Method, out var method))
            {
                throw new InvalidOperationException($"This silo has no grain method {request.GrainType}.{request.Method}.");
            }

            var arguments = serializer.ReadArguments(method, request.Payload.Span);
            var result = await catalog.InvokeAsync(grainId, method, arguments).ConfigureAwait(false);
            FrameCodec.BeginResponse(response, request.CorrelationId, ResponseStatus.Ok);
            serializer.WriteResult(response, method, result);
        }
        catch (GrainException ex)
        {
            WriteError(response, request.CorrelationId, ResponseStatus.DomainError, new RemoteError(ex.Kind, ex.Message, ex.Errors?.ToDictionary()));
        }
        catch (SiloUnavailableException ex)
        {
            WriteError(response, request.CorrelationId, ResponseStatus.Moved, new RemoteError(null, ex.Message, null));
        }
        catch (InconsistentStateException ex)
        {
            WriteError(response, request.CorrelationId, ResponseStatus.Retry, new RemoteError(null, ex.Message, null));
        }
        catch (Exception ex)
        {
            LogCallFailed(logger, grainId, request.Method, ex);
            WriteError(response, request.CorrelationId, ResponseStatus.Failure, new RemoteError(null, $"{ex.GetType().Name}: {ex.Message}", null));
        }

        FrameCodec.Complete(response);
        return response;
    }

    private void WriteError(GrowableBuffer response, long correlationId, ResponseStatus status, RemoteError error)
    {
        // Drop anything a failed result serialization may have written.
        response.Reset();
        FrameCodec.BeginResponse(response, correlationId, status);
        serializer.WriteError(response, error);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Grain call {GrainId}.{Method} failed")]
    private static partial void LogCallFailed(ILogger logger, GrainId grainId, string method, Exception exception);
}
