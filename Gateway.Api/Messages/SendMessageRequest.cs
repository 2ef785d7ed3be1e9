using Gateway.Api.Validation;

namespace Gateway.Api.Messages;

/// <summary>POST /api/conversations/{id}/messages/. The conversation grain checks the length rules.</summary>
public sealed record SendMessageRequest(string? MessageBody, string? ClientMessageId = null) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => errors.Require("message_body", MessageBody);
}
