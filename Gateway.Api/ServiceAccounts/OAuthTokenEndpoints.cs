using Gateway.Api.Hosting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Gateway.Api.ServiceAccounts;

/// <summary>The OAuth2 token endpoint (RFC 6749 §3.2) for the client credentials grant (§4.4) of service clients.</summary>
internal static class OAuthTokenEndpoints
{
    public static RouteHandlerBuilder MapOAuthToken(this IEndpointRouteBuilder routes) =>
        routes.MapGroup("/api/oauth/token")
            .WithTags("Service clients")
            .AllowAnonymous()
            .MapPost("/", ExchangeAsync)
            .DisableAntiforgery()
            .WithName("OAuthToken")
            .WithSummary("Exchange a service client's secret for an access token (client credentials grant)")
            .WithDescription("`application/x-www-form-urlencoded` body: `grant_type=client_credentials`, optional `scope` (a space-separated " +
                "subset of the client's scopes). The client authenticates with HTTP Basic (`client_id:client_secret`, form-encoded) or " +
                "with `client_id` and `client_secret` in the body, not both. 200 `{access_token, token_type: \"Bearer\", expires_in, scope}`; " +
                "errors as RFC 6749 §5.2 `{error, error_description}`: 400 `invalid_request`, `unsupported_grant_type`, `invalid_scope`; " +
                "401 `invalid_client`. Any other body (JSON included) is 400 `invalid_request`, as an OAuth2 client expects, not a 415. The token acts as the client's bot user on the routes its scopes allow, and is refused (403) elsewhere.")
            .AddOpenApiOperationTransformer(DescribeFormBody)
            .Produces<OAuthTokenResponse>()
            .Produces<OAuthError>(StatusCodes.Status400BadRequest)
            .Produces<OAuthError>(StatusCodes.Status401Unauthorized);

    /// <summary>The form body in the OpenAPI description (declaring it with Accepts would make routing answer a JSON body 415).</summary>
    private static Task DescribeFormBody(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        static IOpenApiSchema Text(string description) => new OpenApiSchema { Type = JsonSchemaType.String, Description = description };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Required = new HashSet<string> { "grant_type" },
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["grant_type"] = Text("`client_credentials`"),
                            ["scope"] = Text("optional: a space-separated subset of the client's scopes"),
                            ["client_id"] = Text("when the client does not use HTTP Basic"),
                            ["client_secret"] = Text("when the client does not use HTTP Basic"),
                        },
                    },
                },
            },
        };
        return Task.CompletedTask;
    }

    private static async Task<Results<Ok<OAuthTokenResponse>, JsonHttpResult<OAuthError>>> ExchangeAsync(HttpContext http, ClientCredentialsFlow flow)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.Pragma = "no-cache";
        return await flow.ExchangeAsync(http);
    }
}
