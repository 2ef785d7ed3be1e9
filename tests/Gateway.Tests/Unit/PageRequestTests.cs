using Gateway.Api.Pagination;
using Gateway.Api.Validation;

namespace Gateway.Tests.Unit;

public class PageRequestTests
{
    [Fact]
    public void DefaultsToFirstPageOfTwenty()
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse(null, null, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(new PageRequest(1, 20), page);
        Assert.Equal(0, page.Offset);
    }

    [Theory]
    [InlineData("3", "10", 3, 10, 20)]
    [InlineData("2", "1000", 2, 100, 100)]
    [InlineData("01", "100", 1, 100, 0)]
    public void ParsesAndClampsThePageSize(string page, string size, long number, int expectedSize, int offset)
    {
        var errors = new FieldErrors();
        var parsed = PageRequest.Parse(page, size, errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(new PageRequest(number, expectedSize), parsed);
        Assert.Equal(offset, parsed.Offset);
    }

    [Theory]
    [InlineData("0", null, "page")]
    [InlineData("-1", null, "page")]
    [InlineData("abc", null, "page")]
    [InlineData("1.5", null, "page")]
    [InlineData("", null, "page")]
    [InlineData(" 1", null, "page")]
    [InlineData(null, "0", "page_size")]
    [InlineData(null, "-5", "page_size")]
    [InlineData(null, "ten", "page_size")]
    public void RefusesZeroNegativeAndNonNumericValues(string? page, string? size, string field)
    {
        var errors = new FieldErrors();
        PageRequest.Parse(page, size, errors);
        Assert.Equal([field], errors.ToDictionary().Keys);
    }

    [Fact]
    public void AHugePageNumberIsSimplyPastTheEnd()
    {
        var errors = new FieldErrors();
        var page = PageRequest.Parse("99999999999999999999999", "100", errors);
        Assert.True(errors.IsEmpty);
        Assert.Equal(int.MaxValue, page.Offset);
    }

    [Theory]
    [InlineData("0", 0L)]
    [InlineData("42", 42L)]
    public void ParsesNonNegativeSeqBounds(string value, long expected)
    {
        var errors = new FieldErrors();
        Assert.Equal(expected, PageRequest.ParseNonNegative("after_seq", value, errors));
        Assert.True(errors.IsEmpty);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("x")]
    [InlineData("1e3")]
    public void RefusesNegativeOrNonNumericSeqBounds(string value)
    {
        var errors = new FieldErrors();
        Assert.Null(PageRequest.ParseNonNegative("before_seq", value, errors));
        Assert.Equal(["before_seq"], errors.ToDictionary().Keys);
    }
}
