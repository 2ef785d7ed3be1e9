using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Users;

/// <summary>The query of GET /api/users/.</summary>
public sealed class UserSearchParameters : PageParameters
{
    [FromQuery(Name = "username")]
    [Description("Exact username, compared case-insensitively. Required: there is no listing of all users.")]
    public string? Username { get; init; }

    public override void Validate(FieldErrors errors)
    {
        base.Validate(errors);
        if (string.IsNullOrEmpty(Username))
        {
            errors.Add("username", "This query parameter is required.");
        }
    }
}
