namespace Gateway.Api.Admin;

/// <summary>The first admin, bound from "Messaging:Bootstrap": created (or promoted) at start-up when a username is set.</summary>
public sealed class BootstrapAdminOptions
{
    public const string SectionName = "Messaging:Bootstrap";

    public string? AdminUsername { get; set; }

    /// <summary>The password of a user created at start-up; an existing user keeps theirs. Never logged.</summary>
    public string? AdminPassword { get; set; }

    /// <summary>The email of a user created at start-up; defaults to <c>USERNAME@localhost.localdomain</c>.</summary>
    public string? AdminEmail { get; set; }

    public bool IsValid() => string.IsNullOrWhiteSpace(AdminUsername) || !string.IsNullOrEmpty(AdminPassword);
}
