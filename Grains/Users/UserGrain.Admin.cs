using Grains.Interfaces;
using Microsoft.Extensions.Logging;

namespace Grains;

/// <summary>Administration: role and activation, the admin view, and the directory entry and audit events that follow.</summary>
public sealed partial class UserGrain
{
    public Task<AdminUserView> GetAdminViewAsync()
    {
        RequireRegistered();
        return Task.FromResult(ToAdminView());
    }

    public Task<UserAccess> GetAccessAsync() =>
        Task.FromResult(new UserAccess(State.Registered, State.Registered && !State.Deactivated, State.Role));

    public async Task<AdminUserView> AdministerAsync(AdminUserUpdate update)
    {
        RequireRegistered();
        ArgumentNullException.ThrowIfNull(update);
        if (update.ActorId == UserId && (update.Role == UserRole.User || update.IsActive == false))
        {
            throw new InvalidRequestException(
                "An admin cannot deactivate or demote themself.",
                new Dictionary<string, string[]> { [update.IsActive == false ? "is_active" : "role"] = ["You cannot change this for your own account."] });
        }

        var roleChanged = update.Role is { } role && role != State.Role;
        var activation = update.IsActive is { } active && active == State.Deactivated ? update.IsActive : null;
        if (!roleChanged && activation is null)
        {
            return ToAdminView();
        }

        var previousRole = State.Role;
        State.Role = update.Role ?? State.Role;
        if (activation is { } nowActive)
        {
            State.Deactivated = !nowActive;
            if (!nowActive)
            {
                // Every login of the user ends: no refresh token of theirs works any more.
                State.RefreshFamilies.Clear();
                _tickets.Clear();
            }
        }

        await WriteStateAsync();
        await UpdateDirectoryAsync();
        var audit = GrainFactory.GetGrain<IAuditGrain>(0);

        // Guid.Empty acts for the configuration (the bootstrap admin): no user is the actor then.
        Guid? actorId = update.ActorId == Guid.Empty ? null : update.ActorId;
        if (roleChanged)
        {
            await audit.RecordAsync(NewAuditEvent(
                AuditEventTypes.UserRoleChanged, actorId, $"from={RoleNames.Of(previousRole)} to={RoleNames.Of(State.Role)}"));
        }

        if (activation is { } activated)
        {
            await audit.RecordAsync(NewAuditEvent(
                activated ? AuditEventTypes.UserReactivated : AuditEventTypes.UserDeactivated, actorId, detail: null));
        }

        return ToAdminView();
    }

    private async Task AfterAccountChangeAsync(string auditEvent, Guid? actorId, string? detail)
    {
        await UpdateDirectoryAsync();
        await GrainFactory.GetGrain<IAuditGrain>(0).RecordAsync(NewAuditEvent(auditEvent, actorId, detail));
    }

    /// <summary>
    /// Writes the user's directory entry. A failure is logged, not thrown: the user's own state is stored already, and
    /// the next change (or login) writes the entry again.
    /// </summary>
    private async Task UpdateDirectoryAsync()
    {
        try
        {
            await GrainFactory.GetGrain<IUserDirectoryGrain>(0).UpsertAsync(ToAdminView());
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            LogDirectoryUpdateFailed(_logger, exception, UserId);
        }
    }

    private AuditEvent NewAuditEvent(string name, Guid? actorId, string? detail) =>
        new(Guid.CreateVersion7(), name, Now(), UserId, actorId, null, null, null, detail);

    private AdminUserView ToAdminView() =>
        new(UserId, State.Username, State.Email, State.FirstName, State.LastName, State.Role, State.CreatedAt, !State.Deactivated, State.LastLoginAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The directory entry of user {UserId} could not be written; the next change writes it")]
    private static partial void LogDirectoryUpdateFailed(ILogger logger, Exception exception, Guid userId);
}
