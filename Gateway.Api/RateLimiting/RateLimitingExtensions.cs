using System.Threading.RateLimiting;
using Gateway.Api.Auth;
using Gateway.Api.Problems;
using Microsoft.Extensions.Options;

namespace Gateway.Api.RateLimiting;

internal static class RateLimitingExtensions
{
    /// <summary>Name of the per-user policy on message sends.</summary>
    public const string SendsPolicy = "sends";

    /// <summary>Failed-login counting, and ASP.NET Core's rate limiter for sends per user; both answer 429 with Retry-After.</summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>()
            .BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(options => options.IsValid(), "Every RateLimiting limit needs a PermitLimit and a Window above zero.")
            .ValidateOnStart();
        services.AddSingleton<LoginThrottle>();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(SendsPolicy, http =>
            {
                var limit = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value.SendsPerUser;
                var user = http.RequestServices.GetRequiredService<CurrentUser>().Id;
                return RateLimitPartition.GetFixedWindowLimiter(user, _ => limit.ToLimiterOptions());
            });
            limiter.OnRejected = (context, _) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
                var problem = ApiProblems.TooManyRequests(context.HttpContext.Response, retryAfter, "Too many messages sent; slow down.");
                return new ValueTask(problem.ExecuteAsync(context.HttpContext));
            };
        });
        return services;
    }
}
