using Grains.Interfaces;
using Microsoft.AspNetCore.SignalR;

namespace Gateway.Api.Hubs;

/// <summary>Grain calls from hub methods: a domain error reaches the client as a <see cref="HubException"/> with its message.</summary>
internal static class HubCalls
{
    /// <summary>Runs <paramref name="call"/>; <paramref name="denied"/> is told of a refusal (a 403) before the client is.</summary>
    public static async Task<T> RunAsync<T>(Func<Task<T>> call, Action denied)
    {
        try
        {
            return await call();
        }
        catch (DomainException exception)
        {
            if (exception is NotAllowedException)
            {
                denied();
            }

            var fields = exception.Errors is { Count: > 0 } errors
                ? " " + string.Join(" ", errors.SelectMany(field => field.Value.Select(message => $"{field.Key}: {message}")))
                : "";
            throw new HubException($"{Status(exception)}: {exception.Message}{fields}");
        }
    }

    private static int Status(DomainException exception) => exception switch
    {
        NotFoundException => StatusCodes.Status404NotFound,
        NotAllowedException => StatusCodes.Status403Forbidden,
        ConflictException => StatusCodes.Status409Conflict,
        _ => StatusCodes.Status400BadRequest,
    };
}
