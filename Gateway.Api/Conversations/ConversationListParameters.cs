using System.ComponentModel;
using Gateway.Api.Pagination;
using Gateway.Api.Validation;
using Microsoft.AspNetCore.Mvc;

namespace Gateway.Api.Conversations;

/// <summary>The query of GET /api/conversations/.</summary>
public sealed class ConversationListParameters : PageParameters
{
    [FromQuery(Name = "participant")]
    [Description("A user id; repeatable: only conversations in which all of them take part.")]
    public string[]? Participant { get; init; }

    [FromQuery(Name = "unread")]
    [Description("`true`: only conversations with unread messages.")]
    public string? Unread { get; init; }

    public bool UnreadOnly => string.Equals(Unread, "true", StringComparison.OrdinalIgnoreCase) || Unread == "1";

    /// <summary>The participant ids; call after <see cref="Validate"/> found them well-formed.</summary>
    public IReadOnlyList<Guid> ParticipantIds => [.. (Participant ?? []).Select(Guid.Parse)];

    public override void Validate(FieldErrors errors)
    {
        base.Validate(errors);
        if (Participant is not null && Participant.Any(id => !Guid.TryParse(id, out _)))
        {
            errors.Add("participant", "Each participant must be a user id (UUID).");
        }

        if (Unread is not null && !UnreadOnly && !string.Equals(Unread, "false", StringComparison.OrdinalIgnoreCase) && Unread != "0")
        {
            errors.Add("unread", "Must be true or false.");
        }
    }
}
