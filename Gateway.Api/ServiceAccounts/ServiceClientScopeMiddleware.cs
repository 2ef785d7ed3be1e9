using Gateway.Api.Auth;
using Gateway.Api.Problems;
using Grains.Interfaces;
using Orleans;

namespace Gateway.Api.ServiceAccounts;

/// <summary>
/// A service client's token reaches only endpoints marked with a <see cref="RequiredScope"/> it was granted (403
/// otherwise, whatever else the endpoint allows), and only while the client is not revoked (401 then). Users' tokens
/// pass untouched. Runs after authorization, so that it sees every endpoint, whatever its policy.
/// </summary>
internal sealed class ServiceClientScopeMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext http, CurrentUser caller, IGrainFactory grains)
    {
        if (http.User.Identity?.IsAuthenticated != true || caller.ClientId is not { } clientId)
        {
            await next(http);
            return;
        }

        var required = http.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>();
        if (required is null || !caller.HasScope(required.Scope))
        {
            await ScopeMissing(required).ExecuteAsync(http);
            return;
        }

        var client = await grains.GetGrain<IServiceClientGrain>(clientId).GetAsync();
        if (client is not { IsRevoked: false } || client.BotUserId != caller.Id)
        {
            await ApiProblems.Unauthorized(http.Response, "The service client was revoked.").ExecuteAsync(http);
            return;
        }

        await next(http);
    }

    private static IResult ScopeMissing(RequiredScope? required) =>
        ApiProblems.Status(
            StatusCodes.Status403Forbidden,
            required is null
                ? "A service client's token cannot be used on this route."
                : $"This route needs the scope {required.Scope}, which the token was not granted.");
}
