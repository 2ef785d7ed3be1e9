using System.Globalization;
using System.Text.Json;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using Orleans.Runtime;

namespace Gateway.Api.Problems;

/// <summary>The problem responses (RFC 9457) of the API: every one carries status, title and detail.</summary>
public static class ApiProblems
{
    public const string ValidationDetail = "The request has invalid fields; see errors.";

    public static ProblemHttpResult Status(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status);

    public static ValidationProblem Validation(IEnumerable<KeyValuePair<string, string[]>> errors, string detail = ValidationDetail) =>
        TypedResults.ValidationProblem(errors, detail: detail);

    public static ProblemHttpResult NotFound(string detail = "Not found.") =>
        Status(StatusCodes.Status404NotFound, detail);

    /// <summary>A 401 with <c>WWW-Authenticate: Bearer</c>, as RFC 6750 asks for.</summary>
    public static ProblemHttpResult Unauthorized(HttpResponse response, string detail)
    {
        response.Headers.WWWAuthenticate = BearerChallenge.Header(invalidToken: true);
        return Status(StatusCodes.Status401Unauthorized, detail);
    }

    /// <summary>A 429 with <c>Retry-After</c> in whole seconds, at least one.</summary>
    public static ProblemHttpResult TooManyRequests(HttpResponse response, TimeSpan retryAfter, string detail)
    {
        response.Headers[HeaderNames.RetryAfter] = RetryAfterSeconds(retryAfter).ToString(CultureInfo.InvariantCulture);
        return Status(StatusCodes.Status429TooManyRequests, detail);
    }

    public static int RetryAfterSeconds(TimeSpan retryAfter) => Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));

    /// <summary>
    /// Maps the errors a grain call can end with: domain errors to 403/404/400/409, a failed or timed-out
    /// call (Orleans' runtime errors) to 503. Anything else is not a grain error (null).
    /// </summary>
    public static IResult? FromGrainError(Exception exception) => exception switch
    {
        NotAllowedException => Status(StatusCodes.Status403Forbidden, exception.Message),
        NotFoundException => NotFound(exception.Message),
        InvalidRequestException { Errors: { Count: > 0 } errors } => Validation(errors, exception.Message),
        InvalidRequestException => Status(StatusCodes.Status400BadRequest, exception.Message),
        ConflictException => Status(StatusCodes.Status409Conflict, exception.Message),
        OrleansException or TimeoutException =>
            Status(StatusCodes.Status503ServiceUnavailable, "The service is temporarily unable to handle the request; try again."),
        _ => null,
    };

    /// <summary>The problem for a request the framework could not bind (bad JSON, wrong content type, oversize body).</summary>
    public static IResult FromBadRequest(BadHttpRequestException exception)
    {
        if (exception.InnerException is JsonException json)
        {
            var field = FieldOf(json.Path);
            return field is null
                ? Status(StatusCodes.Status400BadRequest, "The request body is not valid JSON.")
                : Validation(
                    [new(field, ["A valid value of the right type is required."])],
                    $"The request body is not valid JSON, or '{field}' has a value of the wrong type.");
        }

        var detail = exception.StatusCode switch
        {
            StatusCodes.Status415UnsupportedMediaType => ProblemJsonWriter.UnsupportedMediaType,
            StatusCodes.Status413PayloadTooLarge => RequestBodyLimit.Detail,
            StatusCodes.Status400BadRequest => "A JSON request body is required.",
            _ => "The request could not be read.",
        };
        return Status(exception.StatusCode, detail);
    }

    /// <summary>"$.participants[0]" names the field "participants[0]"; "$" names none.</summary>
    private static string? FieldOf(string? path) =>
        path is null || path.Length <= 2 || !path.StartsWith("$.", StringComparison.Ordinal) ? null : path[2..];
}
