using Gateway.Api.Messages;
using Gateway.Api.Problems;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.Storage;

namespace Gateway.Tests.Unit;

/// <summary>The gateway repeats a failed grain call only when it certainly did not run, or the request is idempotent.</summary>
public class GrainCallRetryTests
{
    private static readonly SendMessageRequest CarelessSend = new("hello");

    public static TheoryData<Exception> NotRun() => new()
    {
        new SiloUnavailableException("Silo 'S127.0.0.1:11111:123' is shutting down."),
        new InconsistentStateException("Journal messages/x already holds seq 5."),
    };

    public static TheoryData<Exception> OutcomeUnknown() => new()
    {
        new SiloUnavailableException("The target silo became unavailable for message: Request S1->S2."),
        new TimeoutException("Response did not arrive on time."),

        // The conversation grain's call to a participant met a stopping silo, after the message was stored.
        new NestedCallFailedException(
            "conversation/1 could not complete its call IUserGrain.MessagesChangedAsync to user/2",
            new SiloUnavailableException("Silo 'S127.0.0.1:11111:123' is shutting down.")),
    };

    [Theory]
    [MemberData(nameof(NotRun))]
    public async Task ACallThatCertainlyDidNotRunIsRepeated(Exception failure)
    {
        var (result, calls) = await InvokeAsync(HttpMethods.Post, CarelessSend, failure);
        Assert.Equal("done", result);
        Assert.Equal(2, calls);
    }

    [Theory]
    [MemberData(nameof(OutcomeUnknown))]
    public async Task ACallWhoseOutcomeIsUnknownIsNotRepeatedUnlessIdempotent(Exception failure)
    {
        var (careless, carelessCalls) = await InvokeAsync(HttpMethods.Post, CarelessSend, failure);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, Assert.IsAssignableFrom<IStatusCodeHttpResult>(careless).StatusCode);
        Assert.Equal(1, carelessCalls);

        var (careful, carefulCalls) = await InvokeAsync(HttpMethods.Post, new SendMessageRequest("hello", "m-1"), failure);
        Assert.Equal("done", careful);
        Assert.Equal(2, carefulCalls);

        var (read, readCalls) = await InvokeAsync(HttpMethods.Get, null, failure);
        Assert.Equal("done", read);
        Assert.Equal(2, readCalls);
    }

    /// <summary>Runs the filter over a handler that fails once with <paramref name="failure"/>, then answers "done".</summary>
    private static async Task<(object? Result, int Calls)> InvokeAsync(string method, object? body, Exception failure)
    {
        var http = new DefaultHttpContext();
        http.Request.Method = method;
        var context = new DefaultEndpointFilterInvocationContext(http, body is null ? [] : [body]);
        var filter = new GrainErrorFilter(NullLogger<GrainErrorFilter>.Instance, TimeProvider.System);
        var calls = 0;
        var result = await filter.InvokeAsync(context, _ => ++calls == 1 ? throw failure : ValueTask.FromResult<object?>("done"));
        return (result, calls);
    }
}
