using Gateway.Api.Validation;

namespace Gateway.Api.Tokens;

/// <summary>POST /api/token/verify/.</summary>
public sealed record VerifyRequest(string? Token) : IValidatableRequest
{
    public void Validate(FieldErrors errors) => errors.Require("token", Token);
}
