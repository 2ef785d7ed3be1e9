using Gateway.Api.Admin;
using Grains.Hosting;
using Grains.Interfaces;
using Orleans.Runtime;
using Orleans.Storage;

namespace Gateway.Api.Problems;

/// <summary>
/// Turns the errors a grain call ends with into problem responses, so handlers only describe success,
/// and retries a failed call while that cannot run anything twice:
/// <list type="bullet">
/// <item>a call that certainly did not run: Orleans rejected it before the grain saw it
/// (<see cref="OrleansMessageRejectionException"/>; and the <see cref="SiloUnavailableException"/> of a
/// silo that is stopping, which refuses to place the grain at all), or the grain's write found a newer
/// version in storage (<see cref="InconsistentStateException"/>: nothing was written, and Orleans dropped
/// that stale activation);</item>
/// <item>any failure of an idempotent request: a read (GET), or a send that carries a client_message_id.</item>
/// </list>
/// A call whose outcome is unknown (the silo died mid-call: any other <see cref="SiloUnavailableException"/>,
/// <see cref="TimeoutException"/>; or the grain ran and a call it made failed, which reaches the gateway as a
/// <see cref="NestedCallFailedException"/> whatever the runtime's reason) is not repeated otherwise; the client
/// gets a 503 and may retry itself.
/// </summary>
internal sealed partial class GrainErrorFilter(ILogger<GrainErrorFilter> logger, TimeProvider time) : IEndpointFilter
{
    /// <summary>How long a request may keep retrying: long enough for the cluster to declare a killed silo dead.</summary>
    private static readonly TimeSpan RetryBudget = TimeSpan.FromSeconds(12);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var started = time.GetTimestamp();
        var delay = TimeSpan.FromMilliseconds(50);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await next(context);
            }
            catch (Exception exception) when (IsRetryable(context, exception) && time.GetElapsedTime(started) + delay < RetryBudget)
            {
                LogRetrying(logger, exception, context.HttpContext.Request.Path, attempt);
                await Task.Delay(delay, time, context.HttpContext.RequestAborted);
                delay = TimeSpan.FromMilliseconds(Math.Min(delay.TotalMilliseconds * 2, 1000));
            }
            catch (Exception exception) when (ApiProblems.FromGrainError(exception) is { } problem)
            {
                if (exception is NotAllowedException)
                {
                    RecordDenied(context.HttpContext);
                }

                if (exception is not DomainException)
                {
                    LogGrainCallFailed(logger, exception, context.HttpContext.Request.Path);
                }

                return problem;
            }
        }
    }

    /// <summary>Every 403 a grain answers is an <c>access.denied</c> audit event: who, which route, which conversation.</summary>
    private static void RecordDenied(HttpContext http)
    {
        if (http.RequestServices?.GetService<AuditRecorder>() is not { } audit)
        {
            return;
        }

        var userId = http.RequestServices.GetRequiredService<Auth.CurrentUser>().IdIfAuthenticated;
        audit.Record(
            AuditEventTypes.AccessDenied, userId, userId, AccessDenial.ConversationOf(http.Request), AccessDenial.Describe(http.Request));
    }

    private static bool IsRetryable(EndpointFilterInvocationContext context, Exception exception) =>
        exception is not DomainException
        && (GrainCallFailures.CertainlyDidNotRun(exception) || (ApiProblems.FromGrainError(exception) is not null && IsIdempotent(context)));

    private static bool IsIdempotent(EndpointFilterInvocationContext context) =>
        HttpMethods.IsGet(context.HttpContext.Request.Method)
        || context.Arguments.Any(argument => argument is IIdempotentRequest { IsIdempotent: true });

    [LoggerMessage(Level = LogLevel.Warning, Message = "A grain call failed while serving {Path}; answered 503")]
    private static partial void LogGrainCallFailed(ILogger logger, Exception exception, PathString path);

    [LoggerMessage(Level = LogLevel.Information, Message = "A grain call failed while serving {Path} (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, PathString path, int attempt);
}
