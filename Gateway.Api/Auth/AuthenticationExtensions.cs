using Gateway.Api.ExternalIdentity;
using Gateway.Api.Tokens;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Gateway.Api.Auth;

internal static class AuthenticationExtensions
{
    /// <summary>
    /// JWT bearer validation pinned to this gateway's keys, algorithm, issuer and audience; the token service, and the
    /// login, refresh and logout flows that the token routes and the browser session routes share; beside it, the
    /// external identity providers of <c>Authentication:ExternalIssuers</c>, chosen by a token's issuer.
    /// </summary>
    public static IServiceCollection AddGatewayAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<JwtOptions>().BindConfiguration(JwtOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<JwtOptions>, JwtOptionsValidator>();
        services.AddSingleton<JwtSigningKey>();
        services.AddSingleton<TokenService>();
        services.AddSingleton<TokenFlows>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddScoped<CurrentUser>();

        services.AddAuthentication(BearerSchemeSelector.SchemeName)
            .AddPolicyScheme(BearerSchemeSelector.SchemeName, "Bearer token", options => options.ForwardDefaultSelector = BearerSchemeSelector.Select)
            .AddJwtBearer()
            .AddExternalIssuers(configuration);
        services.AddSingleton<ValidatedTokenCache>();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TokenService, ValidatedTokenCache>((options, tokens, validatedTokens) =>
            {
                // Keep "sub", "role" and "username" as they are in the token instead of mapping them to long URIs.
                options.MapInboundClaims = false;
                options.TokenValidationParameters = tokens.ValidationParameters;
                options.TokenHandlers.Clear();
                options.TokenHandlers.Add(validatedTokens);
                options.Events = BearerEvents.Create();
            });
        services.AddAuthorization();
        return services;
    }
}
