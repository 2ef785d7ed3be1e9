using Gateway.Api.Validation;
using Grains.Interfaces;

namespace Gateway.Api.Conversations;

/// <summary>POST /api/conversations/{id}/participants/: <c>role</c> is "member" (default) or "admin".</summary>
public sealed record AddParticipantRequest(Guid? UserId, string? Role = null) : IValidatableRequest
{
    /// <summary>The role asked for; "owner" is passed on for the conversation grain to refuse.</summary>
    public ParticipantRole ParticipantRole => Role?.ToLowerInvariant() switch
    {
        "admin" => ParticipantRole.Admin,
        "owner" => ParticipantRole.Owner,
        _ => ParticipantRole.Member,
    };

    public void Validate(FieldErrors errors)
    {
        errors.Require("user_id", UserId);
        if (Role is not null && Role.ToLowerInvariant() is not ("member" or "admin" or "owner"))
        {
            errors.Add("role", "Must be \"member\" or \"admin\".");
        }
    }
}
