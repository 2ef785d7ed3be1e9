using Grains.Events;
using Grains.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Grains;

/// <summary>Registers the services the messaging grains use (Orleans finds the grains themselves).</summary>
public static class MessagingGrainsServiceCollectionExtensions
{
    /// <summary>
    /// PBKDF2 iterations of new password hashes. ASP.NET Core Identity's V3 format uses HMAC-SHA512,
    /// for which OWASP recommends 210,000 iterations; its own default is 100,000. (Django's PBKDF2 uses
    /// HMAC-SHA256 with more iterations of a cheaper function; the cost per guess is comparable.) Change it
    /// with <c>services.Configure&lt;PasswordHasherOptions&gt;(...)</c> after <see cref="AddMessagingGrains"/>;
    /// existing hashes keep their own count and are upgraded at the next successful login.
    /// </summary>
    public const int DefaultPasswordIterations = 210_000;

    public static IServiceCollection AddMessagingGrains(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GrainReferences>();
        // What Orleans' ISiloBuilder.AddOutgoingGrainCallFilter registers; AddMessagingGrains has only the services.
        services.AddSingleton<IOutgoingGrainCallFilter, NestedCallFailureFilter>();
        services.TryAddSingleton<IPasswordHasher<UserState>, PasswordHasher<UserState>>();
        services.TryAddSingleton<IPasswordHasher<ServiceClientState>, PasswordHasher<ServiceClientState>>();
        services.AddOptions<PasswordHasherOptions>().Configure(options => options.IterationCount = DefaultPasswordIterations);
        services.AddOptions<UserGrainOptions>()
            .Validate(options => options.IsValid(), "User grain options must all be positive.");
        services.AddOptions<UserEventLogOptions>()
            .Validate(options => options.IsValid(), "Event log options must be positive (the retention period may be zero).");
        services.AddOptions<NameReservationOptions>()
            .Validate(options => options.ReclaimAge > TimeSpan.Zero, "The reservation reclaim age must be positive.");
        return services;
    }
}
