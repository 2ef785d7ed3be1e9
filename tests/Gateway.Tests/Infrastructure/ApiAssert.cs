using System.Net;
using System.Net.Http.Json;

namespace Gateway.Tests.Infrastructure;

public static class ApiAssert
{
    /// <summary>Asserts the status and a well-formed problem body (status, title, detail), and returns it.</summary>
    public static async Task<Problem> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<Problem>();
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        Assert.False(string.IsNullOrWhiteSpace(problem.Title), text);
        Assert.False(string.IsNullOrWhiteSpace(problem.Detail), text);
        return problem;
    }

    /// <summary>A 400 whose errors name <paramref name="field"/>.</summary>
    public static async Task<Problem> ValidationAsync(HttpResponseMessage response, string field)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.NotNull(problem.Errors);
        Assert.Contains(field, problem.Errors.Keys);
        return problem;
    }

    /// <summary>A 401 with <c>WWW-Authenticate: Bearer</c> and a problem body.</summary>
    public static async Task<Problem> UnauthorizedAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
        return problem;
    }

    /// <summary>A 429 with a positive <c>Retry-After</c> in seconds.</summary>
    public static async Task<Problem> TooManyRequestsAsync(HttpResponseMessage response)
    {
        var problem = await ProblemAsync(response, HttpStatusCode.TooManyRequests);
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.True(retryAfter > TimeSpan.Zero, $"Retry-After was {retryAfter}");
        return problem;
    }

    public static async Task<T> OkAsync<T>(HttpResponseMessage response, HttpStatusCode status = HttpStatusCode.OK)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
        var body = await response.Content.ReadFromJsonAsync<T>();
        Assert.NotNull(body);
        return body;
    }
}
