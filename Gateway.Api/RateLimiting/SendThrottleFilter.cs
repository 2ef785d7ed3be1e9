using Gateway.Api.Auth;
using Gateway.Api.Problems;

namespace Gateway.Api.RateLimiting;

/// <summary>Refuses a send (429 with Retry-After) once the caller has used up their sends of the window, on any gateway.</summary>
internal sealed class SendThrottleFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var services = context.HttpContext.RequestServices;
        var user = services.GetRequiredService<CurrentUser>();
        var decision = await services.GetRequiredService<ClusterThrottle>().CountSendByAsync(user.Id);
        if (!decision.Allowed)
        {
            return ApiProblems.TooManyRequests(context.HttpContext.Response, decision.RetryAfter ?? TimeSpan.FromSeconds(1), "Too many messages sent; slow down.");
        }

        return await next(context);
    }
}
