using Gateway.Api.Problems;
using Gateway.Api.Validation;

namespace Gateway.Api.Hosting;

internal static class ApiGroupExtensions
{
    /// <summary>A group of API routes: request bodies are validated and grain errors become problems.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapGroup(prefix)
            .WithTags(tag)
            .AddEndpointFilter<ValidationFilter>()
            .AddEndpointFilter<GrainErrorFilter>();

    /// <summary>An API group that also needs a valid access token (a 401 problem otherwise).</summary>
    public static RouteGroupBuilder MapAuthenticatedApiGroup(this IEndpointRouteBuilder routes, string prefix, string tag) =>
        routes.MapApiGroup(prefix, tag)
            .RequireAuthorization()
            .ProducesProblem(StatusCodes.Status401Unauthorized);
}
