using Gateway.Api.Problems;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Primitives;

namespace Gateway.Api.Pagination;

/// <summary>Builds <see cref="Page{T}"/> responses with absolute next/previous links that keep the other query parameters.</summary>
public static class Paging
{
    /// <summary>The page, or null when it lies past the end (a 404, as in DRF; page 1 of an empty list is a page).</summary>
    public static Page<T>? Create<T>(HttpRequest request, PageRequest page, long count, IReadOnlyList<T> results)
    {
        if (page.Number > 1 && page.Offset >= count)
        {
            return null;
        }

        var next = (long)page.Offset + page.Size < count ? Link(request, page.Number + 1) : null;
        var previous = page.Number > 1 ? Link(request, page.Number - 1) : null;
        return new Page<T>(count, next, previous, results);
    }

    /// <summary>200 with the page, or a 404 problem when the page lies past the end.</summary>
    public static Results<Ok<Page<T>>, ProblemHttpResult> Respond<T>(HttpRequest request, PageRequest page, long count, IReadOnlyList<T> results) =>
        Create(request, page, count, results) is { } body ? TypedResults.Ok(body) : ApiProblems.NotFound("Invalid page.");

    /// <summary>The current URL with <c>page</c> set to <paramref name="number"/>, or left out for page 1.</summary>
    public static string Link(HttpRequest request, long number)
    {
        var parameters = request.Query
            .Where(parameter => !string.Equals(parameter.Key, "page", StringComparison.Ordinal))
            .ToList();
        if (number > 1)
        {
            parameters.Add(new KeyValuePair<string, StringValues>("page", number.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        return UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, request.Path, QueryString.Create(parameters));
    }
}
