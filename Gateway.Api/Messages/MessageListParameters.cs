using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Grains.Interfaces;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Messages;

/// <summary>The query of GET /api/conversations/{id}/messages/: filters (combinable), ordering and page.</summary>
public sealed class MessageListParameters : PageParameters
{
    [FromQuery(Name = "sent_after")]
    [Description("RFC 3339 timestamp; only messages sent at or after it (inclusive).")]
    public string? SentAfter { get; init; }

    [FromQuery(Name = "sent_before")]
    [Description("RFC 3339 timestamp; only messages sent at or before it (inclusive).")]
    public string? SentBefore { get; init; }

    [FromQuery(Name = "sender")]
    [Description("A user id: only that user's messages.")]
    public string? Sender { get; init; }

    [FromQuery(Name = "after_seq")]
    [Description("Only seq > N: catching up after a disconnect.")]
    public string? AfterSeq { get; init; }

    [FromQuery(Name = "before_seq")]
    [Description("Only seq < N: scrolling back through history without page shifts.")]
    public string? BeforeSeq { get; init; }

    [FromQuery(Name = "ordering")]
    [Description("sent_at (oldest first) or -sent_at (newest first, the default).")]
    public string? Ordering { get; init; }

    public override void Validate(FieldErrors errors) => Parse(errors);

    /// <summary>The page and the grain query; call after <see cref="Validate"/> found the parameters well-formed.</summary>
    public (PageRequest Page, MessageQuery Query) ToQuery() => Parse(new FieldErrors());

    private (PageRequest Page, MessageQuery Query) Parse(FieldErrors errors)
    {
        var page = PageRequest.Parse(Page, PageSize, errors);
        var query = new MessageQuery(
            QueryValues.Timestamp("sent_after", SentAfter, errors),
            QueryValues.Timestamp("sent_before", SentBefore, errors),
            QueryValues.UserId("sender", Sender, errors),
            PageRequest.ParseNonNegative("after_seq", AfterSeq, errors),
            PageRequest.ParseNonNegative("before_seq", BeforeSeq, errors),
            Descending(Ordering, errors),
            page.Offset,
            page.Size);
        return (page, query);
    }

    private static bool Descending(string? ordering, FieldErrors errors)
    {
        switch (ordering)
        {
            case null or "-sent_at":
                return true;
            case "sent_at":
                return false;
            default:
                errors.Add("ordering", "Must be \"sent_at\" or \"-sent_at\".");
                return true;
        }
    }
}
