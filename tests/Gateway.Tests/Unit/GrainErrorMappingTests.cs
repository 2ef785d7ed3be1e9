using Gateway.Api.Problems;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Runtime;

namespace Gateway.Tests.Unit;

public class GrainErrorMappingTests
{
    public static TheoryData<Exception, int> Errors() => new()
    {
        { new NotAllowedException("not a participant"), 403 },
        { new NotFoundException("no such conversation"), 404 },
        { new InvalidRequestException("bad"), 400 },
        { InvalidRequestException.ForField("message_body", "too long"), 400 },
        { new ConflictException("taken"), 409 },
        { new SiloUnavailableException("no silo answered"), 503 },
        { new TimeoutException(), 503 },
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void GrainErrorsMapToTheirStatus(Exception exception, int status)
    {
        var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(ApiProblems.FromGrainError(exception));
        Assert.Equal(status, result.StatusCode);
    }

    [Fact]
    public void FieldErrorsOfTheGrainBecomeTheProblemsErrors()
    {
        var result = Assert.IsType<ValidationProblem>(ApiProblems.FromGrainError(InvalidRequestException.ForField("message_body", "too long")));
        Assert.Equal(["too long"], result.ProblemDetails.Errors["message_body"]);
        Assert.Equal("too long", result.ProblemDetails.Detail);
    }

    [Fact]
    public void OtherExceptionsAreNotGrainErrors() => Assert.Null(ApiProblems.FromGrainError(new InvalidOperationException()));

    [Theory]
    [InlineData(400)]
    [InlineData(413)]
    [InlineData(415)]
    public void UnreadableRequestsKeepTheirStatus(int status)
    {
        var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(ApiProblems.FromBadRequest(new BadHttpRequestException("bad", status)));
        Assert.Equal(status, result.StatusCode);
    }
}
