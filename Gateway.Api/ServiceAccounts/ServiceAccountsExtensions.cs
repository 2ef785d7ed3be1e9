namespace Gateway.Api.ServiceAccounts;

internal static class ServiceAccountsExtensions
{
    /// <summary>Service clients: the token lifetime and the client credentials flow.</summary>
    public static IServiceCollection AddServiceAccounts(this IServiceCollection services)
    {
        services.AddOptions<ServiceAccountOptions>()
            .BindConfiguration(ServiceAccountOptions.SectionName)
            .Validate(options => options.IsValid(), "ServiceAccounts:AccessTokenLifetime must be positive and at most an hour.")
            .ValidateOnStart();
        services.AddSingleton<ClientCredentialsFlow>();
        return services;
    }

    /// <summary>Service clients' tokens reach only the endpoints whose scope they were granted.</summary>
    public static IApplicationBuilder UseServiceClientScopes(this IApplicationBuilder app) =>
        app.UseMiddleware<ServiceClientScopeMiddleware>();

    /// <summary>A service client's token needs <paramref name="scope"/> here; users' tokens are unaffected.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequiredScope(scope));

    /// <summary>The admins' client routes and the OAuth2 token endpoint.</summary>
    public static IEndpointRouteBuilder MapServiceAccounts(this IEndpointRouteBuilder routes)
    {
        routes.MapServiceClients();
        routes.MapOAuthToken();
        return routes;
    }
}
