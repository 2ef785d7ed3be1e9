namespace Gateway.Api.Admin;

internal static class AdminExtensions
{
    /// <summary>
    /// The admin routes' services: the short cache of each user's activation and role that every authenticated request
    /// consults, the audit recorder of the gateway's own events, and the bootstrap admin of the configuration.
    /// </summary>
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services)
    {
        services.AddOptions<AdminOptions>().BindConfiguration(AdminOptions.SectionName)
            .Validate(options => options.IsValid(), "Admin:AccessCacheDuration must be positive and at most 60 seconds.")
            .ValidateOnStart();
        services.AddOptions<BootstrapAdminOptions>().BindConfiguration(BootstrapAdminOptions.SectionName)
            .Validate(options => options.IsValid(), "Messaging:Bootstrap:AdminPassword is required with Messaging:Bootstrap:AdminUsername.")
            .ValidateOnStart();
        services.AddMemoryCache();
        services.AddSingleton<UserAccessCache>();
        services.AddSingleton<AuditRecorder>();
        services.AddHostedService<BootstrapAdmin>();
        return services;
    }
}
