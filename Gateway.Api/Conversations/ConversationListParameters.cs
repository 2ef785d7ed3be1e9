using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Conversations;

/// <summary>The query of GET /api/conversations/.</summary>
public sealed class ConversationListParameters : IValidatableRequest
{
    [FromQuery(Name = "participant")]
    [Description("A user id; repeatable: only conversations in which all of them take part.")]
    public string[]? Participant { get; init; }

    [FromQuery(Name = "page")]
    [Description("1-based page number (default 1).")]
    public string? Page { get; init; }

    [FromQuery(Name = "page_size")]
    [Description("Items per page (default 20, at most 100; larger values are clamped).")]
    public string? PageSize { get; init; }

    public PageRequest ToPageRequest() => PageRequest.Parse(Page, PageSize, new FieldErrors());

    /// <summary>The participant ids; call after <see cref="Validate"/> found them well-formed.</summary>
    public IReadOnlyList<Guid> ParticipantIds => [.. (Participant ?? []).Select(Guid.Parse)];

    public void Validate(FieldErrors errors)
    {
        PageRequest.Parse(Page, PageSize, errors);
        if (Participant is not null && Participant.Any(id => !Guid.TryParse(id, out _)))
        {
            errors.Add("participant", "Each participant must be a user id (UUID).");
        }
    }
}
