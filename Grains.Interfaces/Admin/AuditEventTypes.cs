namespace Grains.Interfaces;

/// <summary>The names of audit events (<see cref="AuditEvent.Event"/>).</summary>
public static class AuditEventTypes
{
    public const string UserRegistered = "user.registered";
    public const string LoginSucceeded = "login.succeeded";
    public const string LoginFailed = "login.failed";
    public const string LoginLocked = "login.locked";
    public const string TokenRefreshed = "token.refreshed";
    public const string TokenReuseDetected = "token.reuse_detected";
    public const string TokenBlacklisted = "token.blacklisted";
    public const string AccessDenied = "access.denied";
    public const string ParticipantAdded = "participant.added";
    public const string ParticipantRemoved = "participant.removed";
    public const string MessageDeleted = "message.deleted";
    public const string ConversationDeleted = "conversation.deleted";
    public const string UserRoleChanged = "user.role_changed";
    public const string UserDeactivated = "user.deactivated";
    public const string UserReactivated = "user.reactivated";
    public const string ClientCreated = "client.created";
    public const string ClientSecretRotated = "client.secret_rotated";
    public const string ClientRevoked = "client.revoked";
    public const string ClientTokenIssued = "client.token_issued";
    public const string ClientAuthenticationFailed = "client.authentication_failed";

    /// <summary>Every event name, for validating the <c>?event=</c> filter.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        UserRegistered, LoginSucceeded, LoginFailed, LoginLocked, TokenRefreshed, TokenReuseDetected, TokenBlacklisted,
        AccessDenied, ParticipantAdded, ParticipantRemoved, MessageDeleted, ConversationDeleted, UserRoleChanged,
        UserDeactivated, UserReactivated, ClientCreated, ClientSecretRotated, ClientRevoked, ClientTokenIssued,
        ClientAuthenticationFailed,
    ];
}
