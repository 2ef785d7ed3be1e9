using Grains;

namespace Gateway.Api.RateLimiting;

internal static class RateLimitingExtensions
{
    /// <summary>
    /// Cluster-wide limits (throttle grains, see <see cref="ClusterThrottle"/>) on failed logins and registrations per
    /// client address and on sends per user, and the account lockout's settings for login names that match no account.
    /// ASP.NET Core's rate limiter counts per process, which several gateways would multiply, so it is not used.
    /// </summary>
    public static IServiceCollection AddGatewayRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitingOptions>()
            .BindConfiguration(RateLimitingOptions.SectionName)
            .Validate(options => options.IsValid(), "Every RateLimiting limit needs a PermitLimit and a Window above zero.")
            .ValidateOnStart();
        services.AddOptions<UserGrainOptions>()
            .BindConfiguration(UserGrainOptions.SectionName)
            .Validate(options => options.ToLockoutPolicy().IsValid(), "Users:MaxFailedAttempts, FailureWindow and LockoutDuration must be positive.")
            .ValidateOnStart();
        services.AddSingleton<ClusterThrottle>();
        return services;
    }

    /// <summary>Throttles the endpoint's sends per user across the cluster.</summary>
    public static TBuilder RequireSendThrottle<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, SendThrottleFilter>();
}
