using System.Globalization;
using Gateway.Api.Auth;
using Gateway.Api.Hosting;
using Gateway.Api.Problems;
using Grains.Interfaces;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Orleans;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace Gateway.Api.Events;

internal static class EventEndpoints
{
    private const int MaxCloseAfterSeconds = 300;

    public static RouteGroupBuilder MapEvents(this IEndpointRouteBuilder routes)
    {
        var group = routes.MapApiGroup("/api/events", "Events")
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        group.MapGet("/", StreamAsync)
            .RequireAuthorization(EventsExtensions.StreamPolicy)
            .WithName("StreamEvents")
            .WithSummary("The caller's live events (Server-Sent Events)")
            .WithDescription("`text/event-stream` until the client disconnects: `id:` (the cursor), `event:` (the type) and one `data:` line " +
                "of JSON per event, and `: keep-alive` on an idle stream every 15 seconds. Authenticates with the bearer header or, for " +
                "browsers, `?ticket=` from POST /api/events/ticket/; `?access_token=` is refused. `Last-Event-ID` (or `?last_event_id=`) " +
                "resumes after that cursor: every later event in order, none twice, or `resync` if they are no longer kept; a value " +
                "that is not a non-negative integer counts as no cursor (live events from now). A connection that falls more than " +
                "`EventStreams:ConnectionBuffer` events behind is closed; the client resumes with its cursor. `?close_after=N` (1-300) " +
                "ends the response after N seconds, for clients that cannot read an endless one (Postman, scripts).")
            .ProducesValidationProblem()
            .Produces(StatusCodes.Status200OK, contentType: "text/event-stream");

        group.MapPost("/ticket", IssueTicketAsync)
            .RequireAuthorization()
            .WithName("IssueEventTicket")
            .WithSummary("A one-time ticket for opening the event stream from a browser")
            .WithDescription("`GET /api/events/?ticket=T` authenticates as the caller once, within `expires_in` (30) seconds; else 401.");
        return group;
    }

    private static async Task StreamAsync(
        HttpContext context, UserEventFeeds feeds, CurrentUser caller, IOptions<EventStreamOptions> options, IOptions<HttpJsonOptions> json)
    {
        var request = context.Request;
        if (request.Query.ContainsKey("access_token"))
        {
            await ApiProblems.Unauthorized(context.Response, "Tokens are not accepted in URLs; use the Authorization header or a ticket.")
                .ExecuteAsync(context);
            return;
        }

        if (!TryParseCloseAfter(request, out var closeAfter))
        {
            await ApiProblems.Validation(new Dictionary<string, string[]>
            {
                ["close_after"] = [$"Must be a whole number of seconds from 1 to {MaxCloseAfterSeconds}."],
            }).ExecuteAsync(context);
            return;
        }

        var lastEventId = ServerSentEvents.ParseCursor(request.Headers["Last-Event-ID"].FirstOrDefault() ?? request.Query["last_event_id"].FirstOrDefault());
        using var subscription = await feeds.ConnectAsync(caller.Id);

        // Without a cursor the stream starts at the user's newest event now, before the headers tell the client it is
        // open: whatever the client causes once it sees the stream open comes after this cursor, live or read back.
        var from = lastEventId ?? await subscription.CurrentCursorAsync();
        using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        if (closeAfter is { } seconds)
        {
            ending.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            await WriteStreamAsync(context, subscription.ReadAsync(from, options.Value.KeepAliveInterval, ending.Token), json.Value.SerializerOptions, ending.Token);
        }
        catch (OperationCanceledException) when (ending.IsCancellationRequested)
        {
            // The client went away, or close_after passed.
        }
    }

    /// <summary>The response: headers at once (so that the client sees the stream open), then each event as it comes.</summary>
    private static async Task WriteStreamAsync(
        HttpContext context, IAsyncEnumerable<UserEvent?> events, System.Text.Json.JsonSerializerOptions json, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var output = response.BodyWriter;
        await output.FlushAsync(cancellationToken);
        await foreach (var userEvent in events)
        {
            if (userEvent is null)
            {
                ServerSentEvents.WriteKeepAlive(output);
            }
            else
            {
                ServerSentEvents.WriteEvent(output, userEvent, json);
            }

            var flushed = await output.FlushAsync(cancellationToken);
            if (flushed.IsCompleted || flushed.IsCanceled)
            {
                return;
            }
        }
    }

    /// <summary>The optional <c>close_after</c> (seconds): false when present but not a whole number from 1 to the maximum.</summary>
    private static bool TryParseCloseAfter(HttpRequest request, out int? closeAfter)
    {
        closeAfter = null;
        if (!request.Query.TryGetValue("close_after", out var value))
        {
            return true;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > MaxCloseAfterSeconds)
        {
            return false;
        }

        closeAfter = seconds;
        return true;
    }

    private static async Task<Created<EventTicket>> IssueTicketAsync(IGrainFactory grains, CurrentUser caller)
    {
        var secret = await grains.GetGrain<IUserGrain>(caller.Id).IssueEventTicketAsync();
        return TypedResults.Created((string?)null, new EventTicket(EventTicketAuthenticationHandler.Format(caller.Id, secret), 30));
    }
}
