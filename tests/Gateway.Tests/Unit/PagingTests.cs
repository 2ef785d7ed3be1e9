using Gateway.Api.Pagination;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Unit;

public class PagingTests
{
    private static HttpRequest Request(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.Scheme = "http";
        context.Request.Host = new HostString("example.test:8080");
        context.Request.Path = "/api/conversations/1/messages/";
        context.Request.QueryString = new QueryString(query);
        return context.Request;
    }

    [Fact]
    public void LinksAreAbsoluteAndKeepTheOtherParameters()
    {
        var page = Paging.Create(Request("?sender=abc&page=2&page_size=10"), new PageRequest(2, 10), 57, new int[10]);
        Assert.NotNull(page);
        Assert.Equal(57, page.Count);
        Assert.Equal("http://example.test:8080/api/conversations/1/messages/?sender=abc&page_size=10&page=3", page.Next);
        Assert.Equal("http://example.test:8080/api/conversations/1/messages/?sender=abc&page_size=10", page.Previous);
    }

    [Fact]
    public void TheLastPageHasNoNextAndPreviousKeepsItsNumberAboveOne()
    {
        var page = Paging.Create(Request("?page=6&page_size=10"), new PageRequest(6, 10), 57, new int[7]);
        Assert.NotNull(page);
        Assert.Null(page.Next);
        Assert.Equal("http://example.test:8080/api/conversations/1/messages/?page_size=10&page=5", page.Previous);
    }

    [Fact]
    public void TheFirstPageHasNoPrevious()
    {
        var page = Paging.Create(Request(""), PageRequest.First, 21, new int[20]);
        Assert.NotNull(page);
        Assert.Null(page.Previous);
        Assert.Equal("http://example.test:8080/api/conversations/1/messages/?page=2", page.Next);
    }

    [Fact]
    public void PageOneOfAnEmptyListIsAPage()
    {
        var page = Paging.Create(Request(""), PageRequest.First, 0, Array.Empty<int>());
        Assert.NotNull(page);
        Assert.Equal(0, page.Count);
        Assert.Null(page.Next);
        Assert.Null(page.Previous);
        Assert.Empty(page.Results);
    }

    [Fact]
    public void APagePastTheEndIsNone()
    {
        Assert.Null(Paging.Create(Request("?page=7&page_size=10"), new PageRequest(7, 10), 57, Array.Empty<int>()));
        Assert.Null(Paging.Create(Request("?page=2"), new PageRequest(2, 20), 0, Array.Empty<int>()));
    }

    [Fact]
    public void LinksEscapeParameterValues()
    {
        var page = Paging.Create(Request("?sent_after=2026-11-22T07%3A50%3A00%2B01%3A00"), new PageRequest(1, 1), 2, new int[1]);
        Assert.Equal("http://example.test:8080/api/conversations/1/messages/?sent_after=2026-11-22T07%3A50%3A00%2B01%3A00&page=2", page!.Next);
    }
}
