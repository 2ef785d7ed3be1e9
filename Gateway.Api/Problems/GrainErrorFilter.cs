using Actors;

namespace Gateway.Api.Problems;

/// <summary>Turns the errors a grain call ends with into problem responses, so handlers only describe success.</summary>
internal sealed partial class GrainErrorFilter(ILogger<GrainErrorFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (Exception exception) when (ApiProblems.FromGrainError(exception) is { } problem)
        {
            if (exception is not GrainException)
            {
                LogGrainCallFailed(logger, exception, context.HttpContext.Request.Path);
            }

            return problem;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A grain call failed while serving {Path}; answered 503")]
    private static partial void LogGrainCallFailed(ILogger logger, Exception exception, PathString path);
}
