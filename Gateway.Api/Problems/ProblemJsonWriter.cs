using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Gateway.Api.Problems;

/// <summary>
/// Writes every problem as <c>application/problem+json</c> whatever the Accept header says (the default
/// writer gives up on <c>Accept: text/html</c>), and fills in title and detail when a producer left them out.
/// </summary>
internal sealed class ProblemJsonWriter(IOptions<JsonOptions> jsonOptions) : IProblemDetailsWriter
{
    public const string UnsupportedMediaType = "The request body must be JSON (Content-Type: application/json).";

    private const string ContentType = "application/problem+json";

    public bool CanWrite(ProblemDetailsContext context) => true;

    public ValueTask WriteAsync(ProblemDetailsContext context)
    {
        var response = context.HttpContext.Response;
        var problem = context.ProblemDetails;
        problem.Status ??= response.StatusCode;
        problem.Title ??= ReasonPhrases.GetReasonPhrase(problem.Status.Value);
        problem.Detail ??= DefaultDetail(problem.Status.Value, problem.Title);

        return new ValueTask(response.WriteAsJsonAsync(
            problem, problem.GetType(), jsonOptions.Value.SerializerOptions, ContentType, context.HttpContext.RequestAborted));
    }

    private static string DefaultDetail(int status, string title) => status switch
    {
        StatusCodes.Status404NotFound => "No resource matches this URL.",
        StatusCodes.Status405MethodNotAllowed => "This method is not allowed on this resource.",
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        _ => title + ".",
    };
}
