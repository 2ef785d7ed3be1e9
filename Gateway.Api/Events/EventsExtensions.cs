using Gateway.Api.ExternalIdentity;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Api.Events;

internal static class EventsExtensions
{
    /// <summary>The authorization policy of the stream route: a bearer token, or a ticket when the query has one.</summary>
    public const string StreamPolicy = "EventStream";

    private const string StreamScheme = "EventStream";

    /// <summary>The live event streams: options, the per-user feeds (with their renewal loop) and ticket authentication.</summary>
    public static IServiceCollection AddGatewayEvents(this IServiceCollection services)
    {
        services.AddOptions<EventStreamOptions>().BindConfiguration(EventStreamOptions.SectionName)
            .Validate(options => options.IsValid(), "Event stream options must be positive.")
            .ValidateOnStart();
        services.AddSingleton<UserEventFeeds>();
        services.AddHostedService(provider => provider.GetRequiredService<UserEventFeeds>());

        services.AddAuthentication()
            .AddScheme<AuthenticationSchemeOptions, EventTicketAuthenticationHandler>(EventTicketAuthenticationHandler.SchemeName, null)
            .AddPolicyScheme(StreamScheme, null, options => options.ForwardDefaultSelector = context =>
                context.Request.Query.ContainsKey(EventTicketAuthenticationHandler.QueryName)
                    ? EventTicketAuthenticationHandler.SchemeName
                    : BearerSchemeSelector.Select(context));
        services.AddAuthorizationBuilder()
            .AddPolicy(StreamPolicy, policy => policy.AddAuthenticationSchemes(StreamScheme).RequireAuthenticatedUser());
        return services;
    }
}
