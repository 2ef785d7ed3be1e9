using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Users;

/// <summary>The query of GET /api/users/.</summary>
public sealed class UserSearchParameters : IValidatableRequest
{
    [FromQuery(Name = "username")]
    [Description("Exact username, compared case-insensitively. Required: there is no listing of all users.")]
    public string? Username { get; init; }

    [FromQuery(Name = "page")]
    [Description("1-based page number (default 1).")]
    public string? Page { get; init; }

    [FromQuery(Name = "page_size")]
    [Description("Items per page (default 20, at most 100; larger values are clamped).")]
    public string? PageSize { get; init; }

    public PageRequest ToPageRequest() => PageRequest.Parse(Page, PageSize, new FieldErrors());

    public void Validate(FieldErrors errors)
    {
        PageRequest.Parse(Page, PageSize, errors);
        if (string.IsNullOrEmpty(Username))
        {
            errors.Add("username", "This query parameter is required.");
        }
    }
}
