using Gateway.Api.Problems;
using Gateway.Api.Validation;

namespace Gateway.Api.Messages;

/// <summary>POST /api/conversations/{id}/messages/. The conversation grain checks the length rules.</summary>
public sealed record SendMessageRequest(string? MessageBody, string? ClientMessageId = null) : IValidatableRequest, IIdempotentRequest
{
    /// <summary>A send that carries a client_message_id can be repeated: the grain answers the first message again.</summary>
    public bool IsIdempotent => !string.IsNullOrEmpty(ClientMessageId);

    public void Validate(FieldErrors errors) => errors.Require("message_body", MessageBody);
}
