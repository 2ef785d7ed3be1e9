using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Api.OpenApi;

/// <summary>Marks the operations that need an access token with the bearer security requirement.</summary>
internal sealed class BearerRequirementTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement
            {
                [new OpenApiSecuritySchemeReference(ApiDocumentTransformer.BearerScheme, context.Document)] = [],
            });
        }

        // Service clients' tokens are refused everywhere but where a scope allows them.
        if (metadata.OfType<ServiceAccounts.RequiredScope>().FirstOrDefault() is { } scope)
        {
            operation.Description = $"{operation.Description}\n\nService client tokens need the scope `{scope.Scope}`.".TrimStart('\n');
        }

        return Task.CompletedTask;
    }
}
