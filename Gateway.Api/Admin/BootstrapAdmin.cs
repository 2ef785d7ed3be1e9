using Gateway.Api.Users;
using Grains.Interfaces;
using Microsoft.Extensions.Options;
using Orleans;

namespace Gateway.Api.Admin;

/// <summary>
/// Ensures at start-up that the user named by <c>Messaging:Bootstrap:AdminUsername</c> exists, is active and is an admin:
/// registered with the configured password when missing, promoted (and reactivated) otherwise. Idempotent across restarts,
/// and safe when gateways start together: a registration that loses the race for the username finds the winner's user
/// and promotes it. Runs after the grain client (or co-hosted silo) has started. The password is never logged.
/// </summary>
internal sealed partial class BootstrapAdmin(
    IGrainFactory grains, IOptions<BootstrapAdminOptions> options, ILogger<BootstrapAdmin> logger) : IHostedService
{
    private const int Attempts = 5;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.AdminUsername))
        {
            return;
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var userId = await EnsureAsync(settings);
                LogEnsured(logger, settings.AdminUsername, userId);
                return;
            }
            catch (Exception exception) when (attempt < Attempts && exception is not (OperationCanceledException or DomainException))
            {
                LogRetrying(logger, exception, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), cancellationToken);
            }
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task<Guid> EnsureAsync(BootstrapAdminOptions settings)
    {
        var username = settings.AdminUsername!;
        var userId = await UserLookup.ByUsernameAsync(grains, username);
        if (userId is null)
        {
            var candidate = Guid.CreateVersion7();
            var email = string.IsNullOrWhiteSpace(settings.AdminEmail) ? $"{username}@localhost.localdomain" : settings.AdminEmail;
            try
            {
                await grains.GetGrain<IUserGrain>(candidate)
                    .RegisterAsync(new RegisterUser(username, email, settings.AdminPassword!, "", "", UserRole.Admin));
                return candidate;
            }
            catch (ConflictException)
            {
                // Another gateway registered it meanwhile (or the email is taken): promote whoever holds the username.
                userId = await UserLookup.ByUsernameAsync(grains, username)
                    ?? throw new InvalidOperationException("The bootstrap admin's email is taken by another user.");
            }
        }

        await grains.GetGrain<IUserGrain>(userId.Value).AdministerAsync(new AdminUserUpdate(Guid.Empty, UserRole.Admin, IsActive: true));
        return userId.Value;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Bootstrap admin {Username} is user {UserId}, an active admin")]
    private static partial void LogEnsured(ILogger logger, string username, Guid userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Ensuring the bootstrap admin failed (attempt {Attempt}); retrying")]
    private static partial void LogRetrying(ILogger logger, Exception exception, int attempt);
}
