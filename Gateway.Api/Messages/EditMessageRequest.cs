using Gateway.Api.Validation;

namespace Gateway.Api.Messages;

/// <summary>PATCH /api/conversations/{id}/messages/{message_id}/.</summary>
public sealed record EditMessageRequest(string? MessageBody) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => errors.Require("message_body", MessageBody);
}
