using Gateway.Api.Validation;

namespace Gateway.Api.Conversations;

/// <summary>
/// POST /api/conversations/. <c>participant_ids</c> is accepted in place of <c>participants</c>, as the
/// DRF service this one replaces named it.
/// </summary>
public sealed record CreateConversationRequest(IReadOnlyList<Guid>? Participants, IReadOnlyList<Guid>? ParticipantIds = null, string? Title = null)
    : IValidatableRequest
{
    public IReadOnlyList<Guid> ParticipantList => Participants ?? ParticipantIds ?? [];

    public void Validate(FieldErrors errors)
    {
        if (Participants is null && ParticipantIds is null)
        {
            errors.Add("participants", FieldErrors.RequiredMessage);
        }
    }
}
