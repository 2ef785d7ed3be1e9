using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Grains.Interfaces;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Admin;

/// <summary>The query of GET /api/admin/audit/.</summary>
public sealed class AuditListParameters : PageParameters
{
    [FromQuery(Name = "user_id")]
    [Description("Only events about this user (UUID).")]
    public string? UserId { get; init; }

    [FromQuery(Name = "event")]
    [Description("Only events of this type, such as login.failed.")]
    public string? Event { get; init; }

    [FromQuery(Name = "since")]
    [Description("Only events at or after this RFC 3339 timestamp.")]
    public string? Since { get; init; }

    [FromQuery(Name = "until")]
    [Description("Only events at or before this RFC 3339 timestamp.")]
    public string? Until { get; init; }

    public override void Validate(FieldErrors errors) => Parse(errors);

    /// <summary>The page and the audit query; call after <see cref="Validate"/> found the parameters well-formed.</summary>
    public (PageRequest Page, AuditQuery Query) ToQuery() => Parse(new FieldErrors());

    private (PageRequest Page, AuditQuery Query) Parse(FieldErrors errors)
    {
        var page = PageRequest.Parse(Page, PageSize, errors);
        var userId = QueryValues.UserId("user_id", UserId, errors);
        if (Event is not null && !AuditEventTypes.All.Contains(Event))
        {
            errors.Add("event", "Unknown event type; one of: " + string.Join(", ", AuditEventTypes.All) + ".");
        }

        var since = QueryValues.Timestamp("since", Since, errors);
        var until = QueryValues.Timestamp("until", Until, errors);
        return (page, new AuditQuery(userId, Event, since, until, page.Offset, page.Size));
    }
}
