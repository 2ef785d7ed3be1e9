using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Api.Hardening;

internal static class HardeningExtensions
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];

    /// <summary>What API calls, EventSource polyfills and the SignalR JavaScript client send.</summary>
    private static readonly string[] RequestHeaders =
        [HeaderNames.Authorization, HeaderNames.ContentType, "Last-Event-ID", HeaderNames.XRequestedWith, "X-SignalR-User-Agent"];

    /// <summary>What a browser script may read of a response besides the CORS-safelisted headers.</summary>
    private static readonly string[] ExposedHeaders = [HeaderNames.Location, HeaderNames.RetryAfter, HeaderNames.WWWAuthenticate];

    /// <summary>
    /// HSTS for HTTPS requests (a year; subdomains are left alone), and ASP.NET Core's CORS with one default policy
    /// for the origins of <c>Cors:AllowedOrigins</c>: none configured, no policy, and no CORS header is ever sent.
    /// Bearer tokens travel in a header, never in cookies, so credentials are not allowed.
    /// </summary>
    public static IServiceCollection AddGatewayHardening(this IServiceCollection services)
    {
        services.AddOptions<CorsSettings>().BindConfiguration(CorsSettings.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CorsSettings>, CorsSettingsValidator>();
        services.AddHsts(options => options.MaxAge = TimeSpan.FromDays(365));
        services.AddCors();
        services.AddOptions<CorsOptions>().Configure<IOptions<CorsSettings>>((cors, settings) =>
        {
            var origins = settings.Value.AllowedOrigins;
            if (origins.Count == 0)
            {
                return;
            }

            cors.AddDefaultPolicy(policy =>
            {
                if (origins.Contains(CorsSettings.AnyOrigin))
                {
                    policy.AllowAnyOrigin();
                }
                else
                {
                    policy.WithOrigins([.. origins]);
                }

                policy.WithMethods(Methods)
                    .WithHeaders(RequestHeaders)
                    .WithExposedHeaders(ExposedHeaders)
                    .SetPreflightMaxAge(settings.Value.PreflightMaxAge);
            });
        });
        return services;
    }

    /// <summary>After forwarded headers (so that HTTPS behind a TLS-terminating proxy counts), before anything answers.</summary>
    public static IApplicationBuilder UseGatewayHardening(this IApplicationBuilder app) =>
        app.UseHsts()
            .UseMiddleware<SecurityHeaders>()
            .UseCors();
}
