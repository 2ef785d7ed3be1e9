namespace Gateway.Api.Problems;

internal static class ProblemsExtensions
{
    /// <summary>Problem details for every error, whoever produces it (handlers, filters, middleware, the framework).</summary>
    public static IServiceCollection AddGatewayProblems(this IServiceCollection services)
    {
        services.AddSingleton<IProblemDetailsWriter, ProblemJsonWriter>();
        services.AddProblemDetails();
        services.AddExceptionHandler<GatewayExceptionHandler>();

        // Bind failures (bad JSON, wrong content type) throw, so they reach GatewayExceptionHandler with their cause.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>Exceptions and bodiless error statuses (unknown route, 405) become problems; oversize bodies are refused first.</summary>
    public static IApplicationBuilder UseGatewayProblems(this IApplicationBuilder app) =>
        app.UseExceptionHandler()
            .UseStatusCodePages()
            .UseMiddleware<RequestBodyLimit>();
}
