using Gateway.Api.Validation;

namespace Gateway.Api.Conversations;

/// <summary>PATCH /api/conversations/{id}/.</summary>
public sealed record RenameConversationRequest(string? Title) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => errors.Require("title", Title);
}
