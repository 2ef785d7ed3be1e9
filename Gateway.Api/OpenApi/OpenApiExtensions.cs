namespace Gateway.Api.OpenApi;

internal static class OpenApiExtensions
{
    public static IServiceCollection AddGatewayOpenApi(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiDocumentTransformer>();
            options.AddOperationTransformer<BearerRequirementTransformer>();
        });

    /// <summary>The document at /openapi/v1.json and Swagger UI over it at /swagger.</summary>
    public static WebApplication MapGatewayOpenApi(this WebApplication app)
    {
        app.MapOpenApi();
        app.UseSwaggerUI(options =>
        {
            options.SwaggerEndpoint("/openapi/v1.json", "Messaging API v1");
            options.RoutePrefix = "swagger";
        });
        return app;
    }
}
