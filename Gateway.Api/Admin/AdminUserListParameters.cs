using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Grains.Interfaces;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Admin;

/// <summary>The query of GET /api/admin/users/.</summary>
public sealed class AdminUserListParameters : PageParameters
{
    [FromQuery(Name = "q")]
    [Description("Username or email contains this text (case-insensitive).")]
    public string? Q { get; init; }

    [FromQuery(Name = "role")]
    [Description("user or admin.")]
    public string? Role { get; init; }

    [FromQuery(Name = "is_active")]
    [Description("true or false.")]
    public string? IsActive { get; init; }

    public override void Validate(FieldErrors errors) => Parse(errors);

    /// <summary>The page and the directory query; call after <see cref="Validate"/> found the parameters well-formed.</summary>
    public (PageRequest Page, UserDirectoryQuery Query) ToQuery() => Parse(new FieldErrors());

    private (PageRequest Page, UserDirectoryQuery Query) Parse(FieldErrors errors)
    {
        var page = PageRequest.Parse(Page, PageSize, errors);
        var role = AdminParsing.Role("role", Role, errors);
        bool? active = IsActive switch
        {
            null => null,
            "true" or "True" => true,
            "false" or "False" => false,
            _ => Invalid(errors),
        };
        return (page, new UserDirectoryQuery(string.IsNullOrEmpty(Q) ? null : Q, role, active, page.Offset, page.Size));
    }

    private static bool? Invalid(FieldErrors errors)
    {
        errors.Add("is_active", "true or false is required.");
        return null;
    }
}
