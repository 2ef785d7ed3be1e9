using Gateway.Api.Problems;

namespace Gateway.Api.Sessions;

/// <summary>
/// Refuses (415) a request to a cookie-authenticated route unless it says <c>Content-Type: application/json</c>.
/// A form or a simple cross-site request cannot send that type without a CORS preflight, which this gateway
/// never grants, so together with SameSite=Strict another site cannot make a browser use its session cookie.
/// </summary>
internal sealed class JsonOnlyFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        context.HttpContext.Request.HasJsonContentType()
            ? next(context)
            : ValueTask.FromResult<object?>(ApiProblems.Status(StatusCodes.Status415UnsupportedMediaType, ProblemJsonWriter.UnsupportedMediaType));
}
