using Gateway.Api.Auth;
using Gateway.Api.Problems;
using Grains.Interfaces;

namespace Gateway.Api.Admin;

/// <summary>Lets admins through; anyone else gets a 403 problem, recorded as <c>access.denied</c>.</summary>
internal sealed class AdminOnlyFilter(CurrentUser caller, AuditRecorder audit) : IEndpointFilter
{
    public const string Refusal = "Only admins may use this route.";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (caller.IsAdmin)
        {
            return await next(context);
        }

        audit.Record(AuditEventTypes.AccessDenied, caller.Id, caller.Id, detail: AccessDenial.Describe(context.HttpContext.Request));
        return ApiProblems.Status(StatusCodes.Status403Forbidden, Refusal);
    }
}
