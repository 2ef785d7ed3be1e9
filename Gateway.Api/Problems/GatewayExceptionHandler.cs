using Microsoft.AspNetCore.Diagnostics;

namespace Gateway.Api.Problems;

/// <summary>
/// The last line: whatever escaped the endpoint becomes a problem. Unreadable requests keep their 4xx,
/// grain failures their mapped status; only a genuine server fault is a 500.
/// </summary>
internal sealed partial class GatewayExceptionHandler(ILogger<GatewayExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var result = exception switch
        {
            BadHttpRequestException badRequest => ApiProblems.FromBadRequest(badRequest),
            _ => ApiProblems.FromGrainError(exception),
        };

        if (result is null)
        {
            LogUnexpected(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
            result = ApiProblems.Status(StatusCodes.Status500InternalServerError, "An unexpected error occurred.");
        }

        await result.ExecuteAsync(httpContext);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Unexpected error serving {Method} {Path}")]
    private static partial void LogUnexpected(ILogger logger, Exception exception, string method, PathString path);
}
